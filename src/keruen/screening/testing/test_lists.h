// A small hand-made list for the screening component's tests: a Russian company listed with
// its Cyrillic and Latin names and its INN, a person with a birth date, and a bank with a
// BIC. Small enough to reason about, real enough to exercise transliteration and identifiers.
#ifndef KERUEN_SCREENING_TESTING_TEST_LISTS_H_
#define KERUEN_SCREENING_TESTING_TEST_LISTS_H_

#include <string>
#include <vector>

#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::testing {

inline std::vector<ListEntry> TestEntries(const std::string& list = "test") {
  ListEntry company;
  company.list = list;
  company.id = "T-1";
  company.type = EntityType::kOrganization;
  company.names = {{"OOO ROMASHKA TEKHNOLOGII", true, false},
                   {"ООО «Ромашка Технологии»", false, false}};
  company.identifiers = {{"inn", "7701234567", "RU"}};
  company.countries = {"RU"};
  company.programs = {"RUSSIA-EO14024"};

  ListEntry person;
  person.list = list;
  person.id = "T-2";
  person.type = EntityType::kPerson;
  person.names = {{"SIDOROV, Ivan Petrovich", true, false},
                  {"Сидоров Иван Петрович", false, false}};
  person.countries = {"RU"};
  person.birth_dates = {"1970-05-01"};

  ListEntry bank;
  bank.list = list;
  bank.id = "T-3";
  bank.type = EntityType::kOrganization;
  bank.names = {{"PROMSVYAZBANK PJSC", true, false}};
  bank.identifiers = {{"bic", "PRMSRUMM", "RU"}};
  bank.countries = {"RU"};
  return {company, person, bank};
}

}  // namespace keruen::screening::testing

#endif  // KERUEN_SCREENING_TESTING_TEST_LISTS_H_
