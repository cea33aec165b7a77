#include "keruen/screening/text/name_analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/core/utf8.h"
#include "keruen/screening/text/internal/iuliia_schema.h"

namespace keruen::screening {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::StartsWith;

fs::path SharedData() {
  const std::optional<std::string> shared = SharedDataDir();
  EXPECT_TRUE(shared.has_value()) << "no shared data directory (set KERUEN_DATA_DIR)";
  return shared ? fs::path(*shared) : fs::path();
}

// One analyser with the iuliia tables for the whole test binary (creation takes ~20 ms).
const NameAnalyzer& Analyzer() {
  static const std::unique_ptr<NameAnalyzer> analyzer = [] {
    auto created = NameAnalyzer::Create(DefaultTranslitDir());
    EXPECT_TRUE(created) << created.error().ToString();
    return created ? std::move(*created) : nullptr;
  }();
  return *analyzer;
}

std::vector<std::string> Texts(const NameForm& form) {
  std::vector<std::string> texts;
  for (const NameToken& token : form.tokens) texts.push_back(token.text);
  return texts;
}

// The tokens of the form named `scheme`, or {"(no <scheme> form)"}.
std::vector<std::string> Form(const AnalyzedName& name, std::string_view scheme) {
  for (const NameForm& form : name.forms) {
    if (form.scheme == scheme) return Texts(form);
  }
  return {"(no " + std::string(scheme) + " form)"};
}

std::vector<std::vector<std::string>> AllForms(const AnalyzedName& name) {
  std::vector<std::vector<std::string>> forms;
  for (const NameForm& form : name.forms) forms.push_back(Texts(form));
  return forms;
}

std::vector<std::string> Schemes(const AnalyzedName& name) {
  std::vector<std::string> schemes;
  for (const NameForm& form : name.forms) schemes.push_back(form.scheme);
  return schemes;
}

bool HasToken(const AnalyzedName& name, std::string_view text) {
  for (const NameForm& form : name.forms) {
    for (const NameToken& token : form.tokens) {
      if (token.text == text) return true;
    }
  }
  return false;
}

// "text" for plain tokens, "text/I" for initials, "text/P" for patronymics.
std::vector<std::string> Flagged(const AnalyzedName& name, std::string_view scheme) {
  std::vector<std::string> out;
  for (const NameForm& form : name.forms) {
    if (form.scheme != scheme) continue;
    for (const NameToken& token : form.tokens) {
      out.push_back(token.text + (token.initial ? "/I" : "") + (token.patronymic ? "/P" : ""));
    }
  }
  return out;
}

// The script of the letters of `text`: "latin", "cyrillic" or "other" (mixed counts as other).
std::string ScriptOf(std::string_view text) {
  std::set<UScriptCode> scripts;
  size_t i = 0;
  while (i < text.size()) {
    const char32_t c = DecodeUtf8(text, i);
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) scripts.insert(script);
  }
  if (scripts.size() != 1) return "other";
  if (*scripts.begin() == USCRIPT_LATIN) return "latin";
  if (*scripts.begin() == USCRIPT_CYRILLIC) return "cyrillic";
  return "other";
}

std::vector<std::string> ReadLines(const fs::path& path) {
  auto text = ReadFile(path.string());
  EXPECT_TRUE(text) << text.error().ToString();
  std::vector<std::string> lines;
  if (!text) return lines;
  size_t begin = 0;
  while (begin < text->size()) {
    size_t end = text->find('\n', begin);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
    begin = end + 1;
  }
  return lines;
}

// Every token of every form must be usable by the matcher: non-empty, lower case, Latin
// letters (with marks) and ASCII digits only; ASCII forms [a-z0-9] only; no repeated forms.
void ExpectWellFormed(const AnalyzedName& name, std::string_view input) {
  for (size_t f = 0; f < name.forms.size(); ++f) {
    const NameForm& form = name.forms[f];
    EXPECT_FALSE(form.tokens.empty()) << input;
    const bool ascii_only =
        form.scheme == "ascii" || form.scheme == "any-latin" || form.scheme.ends_with("-ascii");
    for (const NameToken& token : form.tokens) {
      ASSERT_FALSE(token.text.empty()) << input << " " << form.scheme;
      size_t i = 0;
      while (i < token.text.size()) {
        const auto c = static_cast<UChar32>(DecodeUtf8(token.text, i));
        ASSERT_NE(c, 0xFFFD) << input << " " << form.scheme << " " << token.text;
        if (c < 0x80) {
          EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
              << input << " " << form.scheme << " '" << token.text << "'";
          continue;
        }
        EXPECT_FALSE(ascii_only) << input << " " << form.scheme << " " << token.text;
        UErrorCode status = U_ZERO_ERROR;
        const bool mark = (U_MASK(u_charType(c)) & U_GC_M_MASK) != 0;
        EXPECT_TRUE(mark || (uscript_getScript(c, &status) == USCRIPT_LATIN && !u_isupper(c)))
            << input << " " << form.scheme << " " << token.text;
      }
    }
    for (size_t g = 0; g < f; ++g) {
      EXPECT_NE(Texts(name.forms[g]), Texts(form))
          << input << ": " << name.forms[g].scheme << " and " << form.scheme;
    }
  }
}

TEST(NameAnalyzerTest, WithoutTablesUsesIcuSchemesOnly) {
  for (const fs::path& dir : {fs::path(), fs::path("/nonexistent/keruen/iuliia")}) {
    auto analyzer = NameAnalyzer::Create(dir);
    ASSERT_TRUE(analyzer) << analyzer.error().ToString();
    EXPECT_THAT((*analyzer)->Schemes(), ElementsAre("bgn-ru", "bgn-kk", "bgn-uk"));
    const AnalyzedName name = (*analyzer)->Analyze("Щербаков Ёжиков");
    for (const std::string& scheme : Schemes(name)) EXPECT_THAT(scheme, StartsWith("bgn-"));
    EXPECT_THAT(Form(name, "bgn-ru-ascii"), ElementsAre("shcherbakov", "yezhikov"));
    EXPECT_FALSE((*analyzer)->Transliterate("icao", "Щербаков"));
    // Latin names do not need the tables at all.
    EXPECT_THAT(Form((*analyzer)->Analyze("Ščerbakov LLC"), "ascii"), ElementsAre("scerbakov"));
  }
}

TEST(NameAnalyzerTest, WithTablesOffersEveryScheme) {
  const std::vector<std::string> schemes = Analyzer().Schemes();
  ASSERT_GE(schemes.size(), 5u);
  EXPECT_THAT(std::vector<std::string>(schemes.begin(), schemes.begin() + 5),
              ElementsAre("bgn-ru", "bgn-kk", "bgn-uk", "icao", "gost779"));
  // The 26 other tables of the folder, by file name.
  EXPECT_EQ(schemes.size(), 31u);
  EXPECT_THAT(schemes, IsSupersetOf({"wikipedia", "mvd_782", "telegram", "bgn_pcgn"}));
  EXPECT_THAT(schemes, Not(Contains("icao_doc_9303")));
  auto wikipedia = Analyzer().Transliterate("wikipedia", "Ильинский");
  ASSERT_TRUE(wikipedia);
  EXPECT_EQ(*wikipedia, "ilyinsky");
  auto unknown = Analyzer().Transliterate("klingon", "Путин");
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().ToString(), HasSubstr("klingon"));
}

TEST(NameAnalyzerTest, MalformedTableIsAnErrorNamingTheFile) {
  const fs::path dir = fs::temp_directory_path() / "keruen_text_test_tables";
  fs::create_directories(dir);
  {
    std::ofstream(dir / "good.json") << R"({"name": "good", "mapping": {"а": "a"}})";
    std::ofstream(dir / "broken.json") << R"({"name": "broken", "mapping": {"а": )";
  }
  auto analyzer = NameAnalyzer::Create(dir);
  fs::remove_all(dir);
  ASSERT_FALSE(analyzer);
  EXPECT_THAT(analyzer.error().ToString(), HasSubstr("broken.json"));
}

TEST(NameAnalyzerTest, BgnSchemesOnKnownNames) {
  // BGN/PCGN Russian: щ = shch; Kazakh (1979): ж = zh, қ = q, ы = y; Ukrainian (1965):
  // г = h, и = y, ій = iy, ч = ch.
  EXPECT_EQ(Analyzer().Transliterate("bgn-ru", "Щербаков").value_or("?"), "shcherbakov");
  EXPECT_EQ(Analyzer().Transliterate("bgn-kk", "Жақсыбеков").value_or("?"), "zhaqsybekov");
  EXPECT_EQ(Analyzer().Transliterate("bgn-uk", "Григорій Шевченко").value_or("?"),
            "hryhoriy shevchenko");
  EXPECT_THAT(Form(Analyzer().Analyze("Щербаков"), "bgn-ru"), ElementsAre("shcherbakov"));
  EXPECT_THAT(Form(Analyzer().Analyze("ЖАҚСЫБЕКОВ"), "bgn-kk"), ElementsAre("zhaqsybekov"));
  // BGN/PCGN writes е as "ye" at the start of a word and after vowels.
  EXPECT_THAT(Form(Analyzer().Analyze("Елена Гончаренко"), "bgn-ru"),
              ElementsAre("yelena", "goncharenko"));
  EXPECT_THAT(Form(Analyzer().Analyze("Гончаренко"), "bgn-uk"), ElementsAre("honcharenko"));
}

// ICU's Russian BGN rules and the iuliia BGN/PCGN table are independent renderings of one
// standard: on the table's own examples the analyser's bgn-ru form must equal the table's
// Latin (which writes BGN's "ë" as a Cyrillic "ё", and its hard-sign ʺ as a closing quote).
TEST(NameAnalyzerTest, IcuBgnAgreesWithTheIuliiaBgnTable) {
  auto table = text_internal::IuliiaSchema::Load(DefaultTranslitDir() / "bgn_pcgn.json");
  ASSERT_TRUE(table) << table.error().ToString();
  ASSERT_EQ(table->samples().size(), 26u);
  for (const auto& [cyrillic, latin] : table->samples()) {
    std::string expected = latin;
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"ё", "ë"}, {"”", "ʺ"}}) {
      for (size_t at; (at = expected.find(from)) != std::string::npos;) {
        expected.replace(at, from.size(), to);
      }
    }
    const AnalyzedName romanised = Analyzer().Analyze(cyrillic);
    const AnalyzedName reference = Analyzer().Analyze(expected);
    EXPECT_EQ(Form(romanised, "bgn-ru"), Form(reference, "latin")) << cyrillic;
  }
}

// A form equal to an earlier one is dropped, so a scheme's own spelling is checked with
// Transliterate and its presence in the analysis as "some form".
TEST(NameAnalyzerTest, IuliiaSchemesInForms) {
  EXPECT_EQ(Analyzer().Transliterate("icao", "Юлия Щеглова").value_or("?"), "iuliia shcheglova");
  const AnalyzedName shcheglova = Analyzer().Analyze("Юлия Щеглова");
  EXPECT_THAT(AllForms(shcheglova), Contains(ElementsAre("iuliia", "shcheglova")));
  EXPECT_THAT(Form(shcheglova, "gost779"), ElementsAre("ûliâ", "ŝeglova"));
  EXPECT_THAT(Form(shcheglova, "gost779-ascii"), ElementsAre("ulia", "seglova"));
  // The gost_779 table maps ё to a Cyrillic ё; the form writes ISO 9's ë.
  const AnalyzedName yozhikov = Analyzer().Analyze("Ёжиков");
  EXPECT_THAT(Form(yozhikov, "gost779"), ElementsAre("ëžikov"));
  EXPECT_THAT(Form(yozhikov, "gost779-ascii"), ElementsAre("ezikov"));
  EXPECT_EQ(Analyzer().Transliterate("icao", "Ёжиков").value_or("?"), "ezhikov");
  EXPECT_THAT(AllForms(yozhikov), Contains(ElementsAre("ezhikov")));
}

// Letters outside the iuliia tables take the documented fallback: Kazakh letters their base
// Latin letter, Ukrainian є "ie", ї "i", ґ "g" (ICAO 9303), ISO 9 letters in gost779.
TEST(NameAnalyzerTest, FallbackForLettersOutsideTheTables) {
  EXPECT_EQ(Analyzer().Transliterate("icao", "Жақсыбеков Нұрсұлтан Әбішұлы").value_or("?"),
            "zhaksybekov nursultan abishuly");
  const AnalyzedName kazakh = Analyzer().Analyze("Жақсыбеков Нұрсұлтан Әбішұлы");
  EXPECT_THAT(AllForms(kazakh), Contains(ElementsAre("zhaksybekov", "nursultan", "abishuly")));
  EXPECT_THAT(Form(kazakh, "gost779"), ElementsAre("žaksybekov", "nursultan", "abišuly"));
  EXPECT_THAT(Form(kazakh, "bgn-kk"), ElementsAre("zhaqsybekov", "nursultan", "äbishuly"));
  // bgn-ru has no Kazakh letters either.
  EXPECT_THAT(Form(kazakh, "bgn-ru"), ElementsAre("zhaksybekov", "nursultan", "abishuly"));
  EXPECT_EQ(Analyzer().Transliterate("icao", "Євген Ґалаґан Їжак").value_or("?"),
            "ievgen galagan izhak");
  const AnalyzedName ukrainian = Analyzer().Analyze("Євген Ґалаґан Їжак");
  EXPECT_THAT(AllForms(ukrainian), Contains(ElementsAre("ievgen", "galagan", "izhak")));
  EXPECT_THAT(Form(ukrainian, "bgn-uk"), ElementsAre("yevhen", "galagan", "yizhak"));
  EXPECT_THAT(Form(ukrainian, "gost779"), ElementsAre("êvgen", "g̀alag̀an", "ïžak"));
}

TEST(NameAnalyzerTest, LatinFormsFoldDiacriticsLikeIcuLatinAscii) {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> latin_ascii(
      icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, parse_error, status));
  ASSERT_TRUE(U_SUCCESS(status));
  for (const char* name :
       {"Ščerbakov Müller", "Łódź Øresund Æsir Œuvre", "Nguyễn Tấn Dũng", "François Hollande",
        "Recep Tayyip Erdoğan", "Jürgen Großmann", "Björn Þórsson Ðorđe", "Balašević Čačak",
        "Ñúñez Ågren Ærø", "Vladímír Pútín"}) {
    icu::UnicodeString text = nfkc_casefold->normalize(icu::UnicodeString::fromUTF8(name), status);
    latin_ascii->transliterate(text);
    std::string folded;
    text.toUTF8String(folded);
    std::vector<std::string> expected;
    std::string word;
    for (const char c : folded + " ") {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word.push_back(c);
      } else if (!word.empty()) {
        expected.push_back(word);
        word.clear();
      }
    }
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_EQ(Schemes(analyzed), (std::vector<std::string>{"latin", "ascii"})) << name;
    EXPECT_EQ(Form(analyzed, "ascii"), expected) << name;
  }
  // Letters Latin-ASCII leaves alone.
  EXPECT_THAT(Form(Analyzer().Analyze("İlham Əliyev"), "ascii"), ElementsAre("ilham", "aliyev"));
  // Plain ASCII names get one form.
  EXPECT_EQ(Schemes(Analyzer().Analyze("Vladimir Putin")), (std::vector<std::string>{"latin"}));
}

TEST(NameAnalyzerTest, LegalFormsInAnyPositionAndSpelling) {
  for (const char* name :
       {"ТОО «Казахстан Темир Жолы»", "Kazakhstan Temir Zholy LLP", "LLP Kazakhstan Temir Zholy",
        "TOO \"Kazakhstan Temir Zholy\"", "Казахстан Темир Жолы ЖШС",
        "Товарищество с ограниченной ответственностью «Казахстан Темир Жолы»",
        "Kazakhstan Temir Zholy Limited Liability Partnership"}) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(AllForms(analyzed), Contains(ElementsAre("kazakhstan", "temir", "zholy"))) << name;
    EXPECT_THAT(analyzed.legal_forms, ElementsAre("llp")) << name;
  }
  for (const char* name : {"ООО \"Ромашка\"", "Romashka, OOO", "ROMASHKA LIMITED LIABILITY COMPANY",
                           "LLC Romashka", "Общество с ограниченной ответственностью «Ромашка»",
                           "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU ROMASHKA",
                           "Obshchestvo s ogranichennoi otvetstvennostiu Romashka", "ТОВ «Ромашка»",
                           "ОсОО «Ромашка»", "Romashka L.L.C."}) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(AllForms(analyzed), Contains(ElementsAre("romashka"))) << name;
    EXPECT_THAT(analyzed.legal_forms, ElementsAre("llc")) << name;
  }
  for (const char* name :
       {"АО «Самрук-Қазына»", "Samruk-Kazyna JSC", "JSC Samruk-Kazyna", "AO Samruk-Kazyna",
        "Акционерное общество «Самрук-Казына»", "«Самрук-Қазына» акционерлік қоғамы",
        "Joint Stock Company Samruk-Kazyna"}) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(AllForms(analyzed), Contains(ElementsAre("samruk", "kazyna"))) << name;
    EXPECT_THAT(analyzed.legal_forms, ElementsAre("jsc")) << name;
  }
  for (const char* name : {"ПАО Сбербанк", "Sberbank PJSC", "PAO Sberbank",
                           "Публичное акционерное общество «Сбербанк»"}) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(AllForms(analyzed), Contains(ElementsAre("sberbank"))) << name;
    EXPECT_THAT(analyzed.legal_forms, ElementsAre("pjsc")) << name;
  }
}

TEST(NameAnalyzerTest, ForeignLegalForms) {
  const auto check = [](const char* name, std::vector<std::string> words, const char* code) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(AllForms(analyzed), Contains(words)) << name;
    EXPECT_THAT(analyzed.legal_forms, ElementsAre(code)) << name;
  };
  check("Müller GmbH & Co. KG", {"muller"}, "gmbh-co-kg");
  check("Siemens AG", {"siemens"}, "ag");
  check("Polimex-Mostostal Sp. z o.o.", {"polimex", "mostostal"}, "sp-zoo");
  check("Tüpraş A.Ş.", {"tupras"}, "as");
  check("Koç Ticaret Ltd. Şti.", {"koc", "ticaret"}, "ltd-sti");
  check("Huawei Technologies Co., Ltd.", {"huawei", "technologies"}, "co-ltd");
  check("Gulf Trading FZ-LLC", {"gulf", "trading"}, "fz-llc");
  check("Gulf Trading FZE", {"gulf", "trading"}, "fze");
  check("Banco Santander S.A.", {"banco", "santander"}, "sa");
  check("Fiat S.p.A.", {"fiat"}, "spa");
  check("Shell Nederland B.V.", {"shell", "nederland"}, "bv");
  check("Rosneft Oil Company", {"rosneft", "oil"}, "co");
  check("Tata Motors Pvt", {"tata", "motors"}, "pvt");
  const AnalyzedName both = Analyzer().Analyze("DBS Bank Pte. Ltd.");
  EXPECT_THAT(AllForms(both), Contains(ElementsAre("dbs", "bank")));
  EXPECT_THAT(both.legal_forms, ElementsAre("pte", "ltd"));
}

TEST(NameAnalyzerTest, NeverStripsTheWholeName) {
  const AnalyzedName company = Analyzer().Analyze("Company");
  EXPECT_THAT(AllForms(company), ElementsAre(ElementsAre("company")));
  EXPECT_THAT(company.legal_forms, IsEmpty());
  EXPECT_THAT(AllForms(Analyzer().Analyze("ООО")), Contains(ElementsAre("ooo")));
  EXPECT_THAT(Analyzer().Analyze("ООО").legal_forms, IsEmpty());
  EXPECT_THAT(AllForms(Analyzer().Analyze("LLP")), ElementsAre(ElementsAre("llp")));
  // Initials in front are not "S.A.".
  const AnalyzedName initials = Analyzer().Analyze("S.A. Ivanov");
  EXPECT_THAT(Flagged(initials, "latin"), ElementsAre("s/I", "a/I", "ivanov"));
  EXPECT_THAT(initials.legal_forms, IsEmpty());
  // A surname with a diacritic is not the plain abbreviation it folds to ("Sá" is not "SA"),
  // and a first name "Sue" is not a state unitary enterprise.
  const AnalyzedName sa = Analyzer().Analyze("Renata Sá");
  EXPECT_THAT(AllForms(sa), Contains(ElementsAre("renata", "sa")));
  EXPECT_THAT(sa.legal_forms, IsEmpty());
  const AnalyzedName sue = Analyzer().Analyze("Sue W. Kelly");
  EXPECT_THAT(Flagged(sue, "latin"), ElementsAre("sue", "w/I", "kelly"));
  EXPECT_THAT(sue.legal_forms, IsEmpty());
  EXPECT_THAT(Analyzer().Analyze("Mosvodokanal SUE").legal_forms, ElementsAre("sue"));
  // Titles in front are set aside and are no legal form; elsewhere they are words.
  const AnalyzedName president = Analyzer().Analyze("Президент Путин");
  EXPECT_THAT(AllForms(president), Contains(ElementsAre("putin")));
  EXPECT_THAT(president.legal_forms, IsEmpty());
  EXPECT_TRUE(president.titled);
  EXPECT_FALSE(Analyzer().Analyze("Путин").titled);
  // A title alone is left as the name, so it titles nothing.
  EXPECT_FALSE(Analyzer().Analyze("President").titled);
  // The same title as the EU languages write it.
  for (std::string_view name : {"Präsident Putin", "Presidente Putin", "Président Putin",
                                "Predsjednik Putin", "Președintele Putin", "Presiden Putin"}) {
    EXPECT_THAT(AllForms(Analyzer().Analyze(name)), Contains(ElementsAre("putin"))) << name;
  }
  EXPECT_THAT(AllForms(Analyzer().Analyze("Dr. Ivan Petrov")),
              Contains(ElementsAre("ivan", "petrov")));
  EXPECT_THAT(AllForms(Analyzer().Analyze("Petrov Dr")), Contains(ElementsAre("petrov", "dr")));
  EXPECT_FALSE(Analyzer().Analyze("Petrov Dr").titled);
}

TEST(NameAnalyzerTest, GivenNamesOfAnyEastSlavicLanguageMeetInTheNamesForm) {
  auto names_form = [](std::string_view name) {
    for (const NameForm& form : Analyzer().Analyze(name).forms) {
      if (form.scheme == "names") {
        std::vector<std::string> words;
        for (const NameToken& token : form.tokens) words.push_back(token.text);
        return words;
      }
    }
    return std::vector<std::string>{};
  };
  const std::vector<std::string> russian = {"aleksandr", "aleksandrovich", "rakhmanov"};
  // Belarusian in Cyrillic and in its official Latin spelling, Ukrainian, an English spelling.
  EXPECT_EQ(names_form("Аляксандр Аляксандравіч РАХМАНОВ"), russian);
  EXPECT_EQ(names_form("Aliaksandr Aliaksandravich RAKHMANOV"), russian);
  EXPECT_EQ(names_form("Олександр Олександрович РАХМАНОВ"), russian);
  EXPECT_EQ(names_form("Alexander Alexandrovich Rakhmanov")[0], "aleksandr");
  EXPECT_EQ(names_form("Уладзімір Пуцін")[0], "vladimir");
  EXPECT_EQ(names_form("Сяргей Мікалаевіч")[1], "nikolayevich");
  EXPECT_EQ(names_form("Тетяна Миколаївна")[1], "nikolayevna");
  // Nothing to rewrite: no names form.
  EXPECT_THAT(names_form("Александр Александрович РАХМАНОВ"), IsEmpty());
  EXPECT_THAT(names_form("Romashka Trading"), IsEmpty());
  // Only persons' names: not a company's ("Вольга" is Belarusian for Ольга), not one word.
  EXPECT_THAT(names_form("ООО «Вольга Сервис»"), IsEmpty());
  EXPECT_THAT(names_form("Вольга"), IsEmpty());
}

TEST(NameAnalyzerTest, FlagsPatronymics) {
  EXPECT_THAT(Flagged(Analyzer().Analyze("Путин Владимир Владимирович"), "bgn-ru"),
              ElementsAre("putin", "vladimir", "vladimirovich/P"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Путин Владимир Владимирович"), "gost779"),
              ElementsAre("putin", "vladimir", "vladimirovič/P"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Nursultan Abishuly Nazarbayev"), "latin"),
              ElementsAre("nursultan", "abishuly/P", "nazarbayev"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Назарбаев Нұрсұлтан Әбішұлы"), "bgn-ru"),
              ElementsAre("nazarbayev", "nursultan", "abishuly/P"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Иванова Анна Сергеевна"), "bgn-ru"),
              ElementsAre("ivanova", "anna", "sergeyevna/P"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Volodymyr Oleksandrovych Zelenskyy"), "latin"),
              ElementsAre("volodymyr", "oleksandrovych/P", "zelenskyy"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Ilham Heydar oglu Aliyev"), "latin"),
              ElementsAre("ilham", "heydar/P", "oglu/P", "aliyev"));
  // Surnames with the same endings.
  EXPECT_THAT(Flagged(Analyzer().Analyze("Abramovich Roman Arkadyevich"), "latin"),
              ElementsAre("abramovich", "roman", "arkadyevich/P"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Roman Arkadyevich Abramovich"), "latin"),
              ElementsAre("roman", "arkadyevich/P", "abramovich"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Roman Abramovich"), "latin"),
              ElementsAre("roman", "abramovich"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Carl Friedrich Gauss"), "latin"),
              ElementsAre("carl", "friedrich", "gauss"));
}

TEST(NameAnalyzerTest, FlagsInitials) {
  EXPECT_THAT(Flagged(Analyzer().Analyze("V. Putin"), "latin"), ElementsAre("v/I", "putin"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Putin V.V."), "latin"),
              ElementsAre("putin", "v/I", "v/I"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("В. В. Путин"), "bgn-ru"),
              ElementsAre("v/I", "v/I", "putin"));
  // A Cyrillic initial is one letter even when its romanisation is two.
  EXPECT_THAT(Flagged(Analyzer().Analyze("Ю. Андропов"), "bgn-ru"),
              ElementsAre("yu/I", "andropov"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Yu. Andropov"), "latin"),
              ElementsAre("yu/I", "andropov"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("Yu Andropov"), "latin"), ElementsAre("yu", "andropov"));
  EXPECT_THAT(Flagged(Analyzer().Analyze("7 Eleven"), "latin"), ElementsAre("7", "eleven"));
}

TEST(NameAnalyzerTest, EmptyOddAndInvalidInput) {
  for (const char* name : {"", " ", "\t\n  ", "😀😀", "!!! ... ---", "\xc3", "\xff\xfe"}) {
    const AnalyzedName analyzed = Analyzer().Analyze(name);
    EXPECT_THAT(analyzed.forms, IsEmpty()) << name;
    EXPECT_THAT(analyzed.legal_forms, IsEmpty()) << name;
  }
  EXPECT_THAT(AllForms(Analyzer().Analyze("\xff\xfe"
                                          "abc\xc3")),
              ElementsAre(ElementsAre("abc")));
  EXPECT_THAT(AllForms(Analyzer().Analyze("Пут\xffин")), Contains(ElementsAre("put", "in")));
  EXPECT_THAT(AllForms(Analyzer().Analyze("Alpha 😀 Beta")),
              ElementsAre(ElementsAre("alpha", "beta")));
  // Random bytes, biased towards Cyrillic lead bytes: no crash, well-formed forms.
  std::mt19937 rng(7);
  constexpr unsigned char kBytes[] = {0xD0, 0xD1, 0xD2, 0xD3, 0x90, 0xB0, 0x80, 0xBF,
                                      0xE2, 0x80, 0x99, 0xF0, 0x9F, ' ',  '.',  'a',
                                      'Z',  '\'', '-',  0xC3, 0xA9, 0xFF, 0x00, 0xCC};
  for (int i = 0; i < 300; ++i) {
    std::string bytes;
    const int length = static_cast<int>(rng() % 24);
    for (int j = 0; j < length; ++j)
      bytes.push_back(static_cast<char>(kBytes[rng() % sizeof kBytes]));
    ExpectWellFormed(Analyzer().Analyze(bytes), "random bytes");
  }
}

TEST(NameAnalyzerTest, OtherScriptsGetAnAnyLatinForm) {
  const AnalyzedName chinese = Analyzer().Analyze("习近平");
  EXPECT_TRUE(chinese.non_latin);
  EXPECT_EQ(Schemes(chinese), (std::vector<std::string>{"any-latin"}));
  // A Chinese personal name: surname apart, given name joined, as pinyin writes it.
  EXPECT_THAT(Form(chinese, "any-latin"), ElementsAre("xi", "jinping"));
  EXPECT_THAT(Form(Analyzer().Analyze("李明"), "any-latin"), ElementsAre("li", "ming"));
  EXPECT_THAT(Form(Analyzer().Analyze("华为技术有限公司"), "any-latin"),
              ElementsAre("hua", "wei", "ji", "shu", "you", "xian", "gong", "si"));
  EXPECT_THAT(Form(Analyzer().Analyze("Νικόλαος"), "any-latin"), ElementsAre("nikolaos"));
  EXPECT_FALSE(Analyzer().Analyze("Ščerbakov").non_latin);
  // Arabic, Persian and Hebrew words are romanised without their short vowels and flagged.
  auto abjad_words = [](std::string_view name) {
    std::vector<std::string> out;
    for (const NameForm& form : Analyzer().Analyze(name).forms) {
      for (const NameToken& token : form.tokens)
        out.push_back(token.text + (token.abjad ? "%" : ""));
    }
    return out;
  };
  EXPECT_THAT(abjad_words("خالد محمود"), ElementsAre("khald%", "mhmwd%"));
  EXPECT_THAT(abjad_words("ולדימיר פוטין"), ElementsAre("wldymyr%", "pwtyn%"));
  EXPECT_THAT(abjad_words("ولادیمیر پوتین"), ElementsAre("wladymyr%", "pwtyn%"));
  // ة is the "h" of "-ah"; ع, א and ע, which ICU's ASCII would drop, are "e".
  EXPECT_THAT(abjad_words("فاطمة"), ElementsAre("fatmh%"));
  EXPECT_THAT(abjad_words("علي"), ElementsAre("ely%"));
  EXPECT_THAT(abjad_words("אביאל עבאסי"), ElementsAre("ebyel%", "ebesy%"));
  // Other scripts are not.
  EXPECT_THAT(abjad_words("习近平"), ElementsAre("xi", "jinping"));
  EXPECT_THAT(abjad_words("Putin"), ElementsAre("putin"));
  EXPECT_THAT(abjad_words("Путин"), Each(Not(EndsWith("%"))));
  EXPECT_TRUE(Analyzer().Analyze("Щербаков").non_latin);
}

// watchman's cross-script pairs: every query gets a Latin form; the pairs where ICU's
// romanisation is the spelling the list uses (Cyrillic, pinyin, Greek) share a word with it.
// The others (Arabic and Hebrew without vowels, Korean and Japanese romanised differently,
// Thai) need the matcher's fuzzy comparison or cannot match on words; see the docs.
TEST(NameAnalyzerTest, CrossScriptPairs) {
  auto text = ReadFile((SharedData() / "sanctions/eval/watchman/cross_script_pairs.csv").string());
  ASSERT_TRUE(text) << text.error().ToString();
  CsvReader reader(*text, ',', '#');
  std::vector<std::string> fields;
  std::set<std::string> sharing;
  size_t pairs = 0;
  while (reader.Next(fields).value_or(false)) {
    ASSERT_GE(fields.size(), 2u);
    ++pairs;
    const AnalyzedName query = Analyzer().Analyze(fields[0]);
    const AnalyzedName expected = Analyzer().Analyze(fields[1]);
    EXPECT_FALSE(query.forms.empty()) << fields[0];
    ExpectWellFormed(query, fields[0]);
    bool shares = false;
    for (const NameForm& form : expected.forms) {
      for (const NameToken& token : form.tokens) shares = shares || HasToken(query, token.text);
    }
    if (shares) sharing.insert(fields[0]);
  }
  EXPECT_EQ(pairs, 22u);
  EXPECT_THAT(sharing, IsSupersetOf({"Владимир Путин", "Иван Иванов", "Александр Петров",
                                     "Дмитрий Медведев", "李明", "习近平", "王伟", "Νικόλαος"}));
}

// rigour's 81 spellings of one name: every Cyrillic and Latin one yields the token "putin",
// except the languages that spell it otherwise (Dutch Poetin, French Poutine, Hungarian
// Putyin, Lithuanian Putinas, Latvian Putins, Belarusian Пуцін), which need fuzzy matching.
TEST(NameAnalyzerTest, PutinNames) {
  const std::vector<std::string> lines =
      ReadLines(SharedData() / "sanctions/eval/rigour/putin_names.txt");
  EXPECT_EQ(lines.size(), 81u);
  std::vector<std::string> without;
  std::vector<std::string> unromanised;
  size_t checked = 0;
  for (const std::string& line : lines) {
    const AnalyzedName analyzed = Analyzer().Analyze(line);
    ExpectWellFormed(analyzed, line);
    if (analyzed.forms.empty()) unromanised.push_back(line);
    const std::string script = ScriptOf(line);
    if (script == "other") continue;
    ++checked;
    if (!HasToken(analyzed, "putin")) without.push_back(line);
  }
  // ICU has no Khmer romaniser.
  EXPECT_THAT(unromanised, ElementsAre("វ៉្លាឌីមៀរ ពូទីន"));
  EXPECT_EQ(checked, 59u);
  EXPECT_THAT(
      without,
      ::testing::UnorderedElementsAre(
          "Putyin elnök", "Vladimiras Putinas", "Vladimir Poetin", "Vladimir Poutine",
          "Vladimirs Putins", "Vladimir Vladimirovich POUTINE", "Vladimir Vladimirovitch Poutine",
          "Vlagyimir Putyin", "Vlagyimir Vlagyimirovics Putyin", "Wladimir Poetin",
          "Wladimir Wladimirowitsj Poetin", "Уладзімір Пуцін", "Уладзімір Уладзіміравіч Пуцін"));
}

// Everything Analyze returns, as one string.
std::string Everything(const AnalyzedName& name) {
  std::string out = name.non_latin ? "non-latin" : "latin";
  for (const NameForm& form : name.forms) {
    out += " | " + form.scheme + ":";
    for (const NameToken& token : form.tokens) {
      out += " " + token.text + (token.initial ? "^" : "") + (token.patronymic ? "~" : "") +
             (token.abjad ? "%" : "");
    }
  }
  for (const std::string& code : name.legal_forms) out += " / " + code;
  return out;
}

// Romanising word by word through RomanisedWords gives what romanising whole names gives, cold
// and warm: on names built to put every Cyrillic letter next to a space (word-initial "е" and
// "ё" after another word, "т" before "с", hard and soft signs at word ends), in Russian,
// Kazakh, Ukrainian and mixed with Latin; and on a thousand real surnames three to a name.
TEST(NameAnalyzerTest, RomanisedWordsGiveTheFormsOfWholeNames) {
  std::vector<std::string> names = {
      "Елена Ёлкина", "ооо елена", "Пётр Ёжиков Евгеньевич", "ТОО «Ет Сервис»", "Кот Сергей",
      "Объект Ель", "Подъезд Ъ", "Дорофей ЬЕ", "Жақсыбеков Нұрсұлтан Әбішұлы", "Ғани Ұлы Ерлан",
      "Їжак Євген Ґудзь", "Юлія Тимошенко", "Мар’яна Ковальчук", "ОсОО Ы Ай", "Путин В. В.",
      "Ю. Ф. Ёлкин", "Alfa Банк Ёж", "ООО Спецтехника-2000 Ет", "э Э ю Я ё Ё", "Щ Ш Ч Ц Х",
      // Han words go character by character, except those holding 藏, 重, 沈 or 秘.
      "上海华宇进出口有限公司", "乌鲁木齐宏达电子科技有限公司", "习近平", "王毅", "欧阳娜娜",
      "重庆长安汽车股份有限公司", "沈阳机床", "秘鲁中国商会", "西藏文化", "中国 重工",
      "華為技術有限公司", "北京2022", "华为Technologies", "東京 株式会社", "兀兀"};
  const std::vector<std::string> lines =
      ReadLines(SharedData() / "sanctions/eval/rigour/person_name_equivalences_excerpt_motiva.txt");
  ASSERT_GE(lines.size(), 900u);
  std::vector<std::string> surnames;
  for (const std::string& line : lines) {
    size_t begin = 0;
    while (begin < line.size()) {
      size_t end = line.find_first_of(",=", begin);
      if (end == std::string::npos) end = line.size();
      std::string word = line.substr(begin, end - begin);
      word.erase(0, word.find_first_not_of(' '));
      word.erase(word.find_last_not_of(' ') + 1);
      if (!word.empty() && static_cast<unsigned char>(word[0]) >= 0xD0) surnames.push_back(word);
      if (line[end] == '=') break;
      begin = end + 1;
    }
  }
  ASSERT_GE(surnames.size(), 900u);
  for (size_t i = 0; i + 2 < surnames.size(); i += 3) {
    names.push_back(surnames[i] + " " + surnames[i + 1] + " " + surnames[i + 2]);
  }
  RomanisedWords romanised;
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& name : names) {
      EXPECT_EQ(Everything(Analyzer().Analyze(name, romanised)),
                Everything(Analyzer().Analyze(name)))
          << name << " (pass " << pass << ")";
    }
  }
  EXPECT_GT(romanised.size(), names.size());  // the words of more than one name each
}

// Character by character is what ICU's Han-Latin gives a whole word: its rules map one
// character each, but for four that look at the next (RomanisedWords).
TEST(NameAnalyzerTest, HanLatinReadsOnlyFourCharactersByTheirNeighbour) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> han(
      icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  icu::UnicodeString rules;
  han->toRules(rules, /*escapeUnprintable=*/true);
  std::string text;
  rules.toUTF8String(text);
  std::set<std::string> context_keys;
  size_t mappings = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    if (line.empty() || line.starts_with("::")) continue;
    if (line.starts_with("{")) {
      context_keys.insert(line.substr(0, line.find('}') + 1));
    } else {
      // "[set] > pinyin;": one character of the set, whatever its neighbours.
      EXPECT_TRUE(line.starts_with("[") && line.find("] > ") != std::string::npos &&
                  line.find_first_of("{}") == std::string::npos)
          << line;
      ++mappings;
    }
  }
  EXPECT_GT(mappings, 1000u);
  // 沈, 秘, 藏, 重.
  EXPECT_THAT(context_keys, ElementsAre("{\\u6C88}", "{\\u79D8}", "{\\u85CF}", "{\\u91CD}"));
}

// Words are remembered once, whatever name they come in; Latin names need none.
TEST(NameAnalyzerTest, RomanisedWordsRememberEachWordOnce) {
  RomanisedWords romanised;
  Analyzer().Analyze("Иван Петров", romanised);
  Analyzer().Analyze("ПЕТРОВ Сергей", romanised);
  Analyzer().Analyze("Ivan Petrov", romanised);
  EXPECT_EQ(romanised.size(), 3u);
}

TEST(NameAnalyzerTest, AnalyzeIsSafeFromManyThreads) {
  const std::vector<std::string> names = {"Путин Владимир Владимирович",
                                          "ТОО «Казахстан Темир Жолы»",
                                          "Ščerbakov Müller GmbH",
                                          "习近平",
                                          "Жақсыбеков Нұрсұлтан Әбішұлы",
                                          "Romashka, OOO",
                                          "Βλαντίμιρ Πούτιν"};
  std::vector<std::vector<std::vector<std::string>>> expected;
  for (const std::string& name : names) expected.push_back(AllForms(Analyzer().Analyze(name)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < names.size(); ++i) {
          if (AllForms(Analyzer().Analyze(names[i])) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

}  // namespace
}  // namespace keruen::screening
