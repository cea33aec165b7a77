#include "keruen/sim/internal/parties.h"

#include <algorithm>
#include <array>

#include "keruen/sim/internal/text.h"

namespace keruen::sim_internal {
namespace {

// ---- name parts ----

// A word of a Cyrillic company name; `eng` is its English rendering where one is used in
// English-language documents ("Транзит" -> "Transit"), empty for proper names.
struct Word {
  const char* cyr;
  const char* eng;
};

constexpr const char* kKzRoots[] = {
    "Жибек",   "Алатау", "Сарыарка", "Каспий",  "Тулпар", "Арман",    "Береке",    "Бирлик",
    "Самал",   "Нур",    "Кокше",    "Ертис",   "Улытау", "Атамекен", "Шанырак",   "Кайнар",
    "Сункар",  "Алтын",  "Аксу",     "Жетысу",  "Отрар",  "Сырдария", "Мангистау", "Арай",
    "Асыл",    "Баян",   "Жайык",    "Жулдыз",  "Есиль",  "Тенгри",   "Алаш",      "Кыран",
    "Болашак", "Өркен",  "Қазына",   "Ақ Бота", "Ұлан",   "Шыгыс",    "Юлдуз",     "Хан Тенгри"};
constexpr const char* kRuRoots[] = {
    "Волга",  "Урал",   "Сибирь", "Балтика", "Дон",    "Кама",      "Енисей", "Амур",
    "Север",  "Восток", "Нева",   "Алтай",   "Байкал", "Кубань",    "Щит",    "Сокол",
    "Вега",   "Юпитер", "Чайка",  "Ястреб",  "Жемчуг", "Феникс",    "Гранит", "Лотос",
    "Радуга", "Ирбис",  "Рубеж",  "Заря",    "Ермак",  "Ярославич", "Щедрин", "Юнона"};
constexpr const char* kKgRoots[] = {
    "Ала-Тоо", "Бишкек", "Манас", "Нарын", "Тянь-Шань", "Ак-Суу",  "Кыргыз",   "Талас",   "Ош",
    "Чуй",     "Сапат",  "Бакыт", "Эркин", "Ысык-Көл",  "Айчүрөк", "Жаңы Жол", "Көк-Жар", "Кутман"};
constexpr const char* kUzRoots[] = {"Зарафшан",  "Самарканд", "Навруз",   "Барака",  "Шарк",
                                    "Ипак Йули", "Фергана",   "Наманган", "Бухоро",  "Хорезм",
                                    "Турон",     "Ориент",    "Мадад",    "Андижан", "Сирдарё",
                                    "Юлдуз",     "Шохрух"};

constexpr Word kTradeWords[] = {{"Трейд", "Trade"},
                                {"Импекс", "Impex"},
                                {"Сервис", "Service"},
                                {"Групп", "Group"},
                                {"Холдинг", "Holding"},
                                {"Экспорт", "Export"},
                                {"Импорт", "Import"},
                                {"Ресурс", "Resource"},
                                {"Капитал", "Capital"},
                                {"Маркет", "Market"},
                                {"Инвест", "Invest"},
                                {"Азия", "Asia"},
                                {"Евразия", "Eurasia"},
                                {"Интер", "Inter"},
                                {"Глобал", "Global"},
                                {"Юнион", "Union"},
                                {"Электроникс", "Electronics"},
                                {"Фарм", "Pharm"},
                                {"Агро", "Agro"},
                                {"Техно", "Techno"},
                                {"Металл", "Metal"},
                                {"Дистрибьюшн", "Distribution"},
                                {"Комплект", ""},
                                {"Снаб", ""}};
constexpr Word kForwarderWords[] = {{"Транзит", "Transit"}, {"Логистик", "Logistic"},
                                    {"Карго", "Cargo"},     {"Транзит Сервис", "Transit Service"},
                                    {"Брокер", "Broker"},   {"Логистикс", "Logistics"}};
constexpr Word kCarrierWords[] = {{"Транс", "Trans"},       {"Авто Транс", "Auto Trans"},
                                  {"Карго", "Cargo"},       {"Экспресс", "Express"},
                                  {"Логистик", "Logistic"}, {"Транзит", "Transit"}};
// Glued compounds: "Пром" + "снаб" -> "Промснаб".
constexpr Word kStems[] = {{"Пром", ""},           {"Техно", "Techno"}, {"Агро", "Agro"},
                           {"Электро", "Electro"}, {"Авто", "Auto"},    {"Энерго", "Energo"},
                           {"Евро", "Euro"},       {"Хим", "Chem"},     {"Спец", ""},
                           {"Строй", ""},          {"Маш", ""},         {"Мед", "Med"}};
constexpr Word kGlues[] = {{"снаб", ""},         {"сервис", "service"},  {"торг", ""},
                           {"импорт", "import"}, {"экспорт", "export"},  {"комплект", ""},
                           {"техника", ""},      {"ресурс", "resource"}, {"трейд", "trade"},
                           {"инвест", "invest"}};

struct LegalForm {
  const char* cyr;  // "ТОО"
  const char* cyr_full;  // "Товарищество с ограниченной ответственностью"
  const char* translit;  // "TOO"
  const char* eng;       // "LLP"
  const char* local;     // a form in the national language written after the name, or null
  bool local_cyrillic;
};

constexpr LegalForm kKzLlp = {
    "ТОО", "Товарищество с ограниченной ответственностью", "TOO", "LLP", "ЖШС", true};
constexpr LegalForm kKzJsc = {"АО", "Акционерное общество", "AO", "JSC", "АҚ", true};
constexpr LegalForm kRuLlc = {
    "ООО", "Общество с ограниченной ответственностью", "OOO", "LLC", nullptr, false};
constexpr LegalForm kRuJsc = {"АО", "Акционерное общество", "AO", "JSC", nullptr, false};
constexpr LegalForm kRuPjsc = {"ПАО", "Публичное акционерное общество", "PAO", "PJSC", nullptr,
                               false};
constexpr LegalForm kRuOjsc = {"ОАО", "Открытое акционерное общество", "OAO", "OJSC", nullptr,
                               false};
constexpr LegalForm kRuCjsc = {"ЗАО", "Закрытое акционерное общество", "ZAO", "CJSC", nullptr,
                               false};
constexpr LegalForm kKgLlc = {
    "ОсОО", "Общество с ограниченной ответственностью", "OsOO", "LLC", nullptr, false};
constexpr LegalForm kKgOjsc = {"ОАО", "Открытое акционерное общество", "OAO", "OJSC", nullptr,
                               false};
constexpr LegalForm kUzLlc = {
    "ООО", "Общество с ограниченной ответственностью", "OOO", "LLC", "MChJ", false};
constexpr LegalForm kUzJsc = {"АО", "Акционерное общество", "AO", "JSC", "AJ", false};

// ---- places ----

constexpr KzCity kKzCities[] = {{"Almaty", "Алматы", "Almaty", 30},
                                {"Astana", "Астана", "Astana", 15},
                                {"Shymkent", "Шымкент", "Shymkent", 10},
                                {"Karaganda", "Караганда", "Karaganda", 6},
                                {"Aktobe", "Актобе", "Aktobe", 5},
                                {"Pavlodar", "Павлодар", "Pavlodar", 5},
                                {"Oral (Uralsk)", "Уральск", "Oral", 4},
                                {"Kostanay", "Костанай", "Kostanay", 4},
                                {"Petropavl", "Петропавловск", "Petropavl", 3},
                                {"Semey", "Семей", "Semey", 3},
                                {"Taraz", "Тараз", "Taraz", 3},
                                {"Atyrau", "Атырау", "Atyrau", 4},
                                {"Kyzylorda", "Кызылорда", "Kyzylorda", 2},
                                {"Taldykorgan", "Талдыкорган", "Taldykorgan", 2},
                                {"Ekibastuz", "Экибастуз", "Ekibastuz", 1},
                                {"Turkistan", "Туркестан", "Turkistan", 1}};
constexpr const char* kKzStreets[] = {
    "ул. Абая",       "пр. Достык",       "ул. Толе би",      "ул. Жибек Жолы",
    "пр. Республики", "ул. Кунаева",      "ул. Сейфуллина",   "пр. Аль-Фараби",
    "ул. Желтоксан",  "ул. Байтурсынова", "ул. Промышленная", "ул. Складская",
    "ул. Гоголя",     "пр. Абылай хана",  "ул. Казыбек би",   "ул. Тауелсиздик"};
constexpr const char* kKzStreetsLatin[] = {
    "Abay str.",   "Dostyk ave.",    "Tole bi str.",   "Zhibek Zholy str.",
    "Kunaev str.", "Seifullin str.", "Al-Farabi ave.", "Industrialnaya str."};

struct RuCity {
  const char* name;
  const char* region;  // two-digit code used in INN and OGRN
};
constexpr RuCity kRuCities[] = {
    {"Москва", "77"},      {"Санкт-Петербург", "78"}, {"Екатеринбург", "66"}, {"Челябинск", "74"},
    {"Оренбург", "56"},    {"Самара", "63"},          {"Саратов", "64"},      {"Омск", "55"},
    {"Новосибирск", "54"}, {"Барнаул", "22"},         {"Астрахань", "30"},    {"Казань", "16"},
    {"Уфа", "02"},         {"Курган", "45"},          {"Тюмень", "72"}};
constexpr const char* kRuStreets[] = {
    "ул. Ленина",     "ул. Советская", "пр. Мира",      "ул. Гагарина", "ул. Промышленная",
    "ш. Энтузиастов", "ул. Складская", "ул. Заводская", "ул. Щорса",    "ул. Юности"};
constexpr const char* kKgCities[] = {"Бишкек", "Ош", "Кара-Балта", "Токмок", "Джалал-Абад"};
constexpr const char* kKgStreets[] = {"ул. Ибраимова", "пр. Чуй",      "ул. Токтогула",
                                      "пр. Манаса",    "ул. Киевская", "ул. Фрунзе"};
constexpr const char* kUzCities[] = {"Ташкент", "Самарканд", "Андижан", "Фергана", "Наманган"};
constexpr const char* kUzCitiesLatin[] = {"Toshkent", "Samarqand", "Andijon", "Farg'ona",
                                          "Namangan"};
constexpr const char* kUzStreets[] = {"ул. Амира Темура", "ул. Навои", "ул. Бабура", "ул. Мукими"};
constexpr const char* kUzStreetsLatin[] = {"Amir Temur ko'chasi", "Navoiy ko'chasi",
                                           "Bobur ko'chasi", "Muqimiy ko'chasi"};

// ---- helpers ----

struct CoreToken {
  std::string cyr;
  std::string eng;
  std::string sep;  // written after the token: " ", "-" or "" (glued)
};
using Core = std::vector<CoreToken>;

enum class CoreStyle { kCyrillic, kRomanized, kEnglish };

std::string JoinCore(const Core& core, CoreStyle style, Romanization scheme) {
  std::string out;
  for (size_t i = 0; i < core.size(); ++i) {
    const CoreToken& t = core[i];
    switch (style) {
      case CoreStyle::kCyrillic:
        out += t.cyr;
        break;
      case CoreStyle::kRomanized:
        out += Romanize(t.cyr, scheme);
        break;
      case CoreStyle::kEnglish:
        out += t.eng.empty() ? Romanize(t.cyr, scheme) : t.eng;
        break;
    }
    if (i + 1 < core.size()) out += t.sep;
  }
  return out;
}

Core WordCore(std::span<const char* const> roots, std::span<const Word> business, Rng& rng,
              double second_word_odds) {
  Core core;
  const char* root = rng.Pick(roots);
  const Word& w = rng.Pick(business);
  core.push_back({root, "", rng.Chance(0.2) ? "-" : " "});
  core.push_back({w.cyr, w.eng, " "});
  if (rng.Chance(second_word_odds)) {
    const Word& w2 = rng.Pick(kTradeWords);
    if (std::string_view(w2.cyr) != w.cyr) core.push_back({w2.cyr, w2.eng, " "});
  }
  return core;
}

Core CyrillicCore(std::string_view country, CompanyRole role, Rng& rng) {
  std::span<const char* const> roots = kKzRoots;
  if (country == "RU") roots = kRuRoots;
  if (country == "KG") roots = kKgRoots;
  if (country == "UZ") roots = kUzRoots;
  switch (role) {
    case CompanyRole::kForwarder:
      return WordCore(roots, kForwarderWords, rng, 0.0);
    case CompanyRole::kCarrier:
      if (rng.Chance(0.25)) {
        return {{"Авто", "Auto", ""}, {"транс", "trans", " "}, {rng.Pick(roots), "", " "}};
      }
      return WordCore(roots, kCarrierWords, rng, 0.0);
    case CompanyRole::kTrader:
      break;
  }
  const size_t pattern = rng.Weighted({5, 2, 1});
  if (pattern == 0) return WordCore(roots, kTradeWords, rng, 0.2);
  if (pattern == 1) {
    const Word& stem = rng.Pick(kStems);
    const Word& glue = rng.Pick(kGlues);
    Core core = {{stem.cyr, stem.eng, ""}, {glue.cyr, glue.eng, " "}};
    if (stem.eng[0] == '\0' || glue.eng[0] == '\0') {
      core[0].eng.clear();
      core[1].eng.clear();
    }
    return core;
  }
  return {{rng.Pick(roots), "", " "}};
}

void AddDistinct(std::vector<std::string>& out, std::string s) {
  if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
}

// Takes spellings[primary] first, then `extra` others drawn from the rest.
std::vector<std::string> ChooseSpellings(std::vector<std::string> candidates, size_t primary,
                                         int extra, Rng& rng) {
  std::vector<std::string> out;
  out.push_back(candidates[primary]);
  candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(primary));
  for (int i = 0; i < extra && !candidates.empty(); ++i) {
    const auto k = static_cast<size_t>(rng.Int(0, static_cast<int64_t>(candidates.size()) - 1));
    AddDistinct(out, candidates[k]);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return out;
}

std::vector<std::string> CyrillicSpellings(std::string_view country, const Core& core,
                                           const LegalForm& f, Rng& rng) {
  const std::string cyr = JoinCore(core, CoreStyle::kCyrillic, Romanization::kBgnPcgn);
  const std::string bgn = JoinCore(core, CoreStyle::kRomanized, Romanization::kBgnPcgn);
  const std::string icao = JoinCore(core, CoreStyle::kRomanized, Romanization::kIcao);
  const std::string eng_bgn = JoinCore(core, CoreStyle::kEnglish, Romanization::kBgnPcgn);
  const std::string eng_icao = JoinCore(core, CoreStyle::kEnglish, Romanization::kIcao);
  // Indices 0..4 are fixed; the primary is chosen among them.
  std::vector<std::string> c = {
      std::string(f.cyr) + " «" + cyr + "»",         // 0 ТОО «Жибек Транзит»
      std::string(f.cyr) + " \"" + cyr + "\"",       // 1 ТОО "Жибек Транзит"
      std::string(f.translit) + " \"" + bgn + "\"",  // 2 TOO "Zhibek Tranzit"
      eng_bgn + " " + f.eng,                         // 3 Zhibek Transit LLP
      f.local != nullptr
          ? (f.local_cyrillic ? "«" + cyr + "» " + f.local : "\"" + bgn + "\" " + f.local)
          : std::string(f.cyr_full) + " «" + cyr + "»",  // 4
  };
  AddDistinct(c, std::string(f.cyr_full) + " «" + cyr + "»");
  AddDistinct(c, ToUpper(eng_bgn + " " + f.eng));
  AddDistinct(c, std::string(f.translit) + " " + icao);
  AddDistinct(c, eng_icao + " " + f.eng);
  AddDistinct(c, std::string(f.cyr) + " «" + ToUpper(cyr) + "»");
  if (country == "KZ") {
    AddDistinct(c, JoinCore(core, CoreStyle::kEnglish, Romanization::kKazakhLatin) + " " + f.eng);
  }
  size_t primary = 0;
  if (country == "KZ") primary = rng.Weighted({55, 10, 10, 25, 0});
  if (country == "RU") primary = rng.Weighted({60, 15, 0, 25, 0});
  if (country == "KG") primary = rng.Weighted({70, 0, 0, 30, 0});
  if (country == "UZ") primary = rng.Weighted({40, 0, 0, 30, 30});
  return ChooseSpellings(std::move(c), primary, static_cast<int>(rng.Int(2, 4)), rng);
}

// Latin-script company names: the name core and the legal form variants of the country.
struct LatinNaming {
  const char* country;
  std::array<const char*, 16> roots;
  std::array<const char*, 8> seconds;
};
constexpr LatinNaming kLatinNaming[] = {
    {"DE",
     {"Elektronik", "Maschinenbau", "Technik", "Industrie", "Nord", "Rhein", "Bayern", "Alpen",
      "Stahl", "Präzision", "Süd", "Hansa", "Müller", "Schneider", "Schäfer", "Kühn"},
     {"Handel", "Vertrieb", "Service", "Systeme", "Export", "Logistik", "Komponenten",
      "Automation"}},
    {"PL",
     {"Elektro", "Trans", "Stal", "Polmax", "Mazowsze", "Bałtyk", "Wisła", "Tech", "Inter", "Hurt",
      "Kowalski", "Nowak", "Wiśniewski", "Śląsk", "Orzeł", "Łódź"},
     {"Pol", "Serwis", "Handel", "Logistyka", "System", "Export", "Technika", "Części"}},
    {"IT",
     {"Meccanica", "Tecno", "Lombarda", "Adriatica", "Ricambi", "Componenti", "Nord", "Italia",
      "Veneta", "Industria", "Rossi", "Bianchi", "Colombo", "Romano", "Ricci", "Galli"},
     {"Italiana", "Sistemi", "Export", "Elettronica", "Impianti", "Forniture", "Tecnica",
      "Commerciale"}},
    {"LT",
     {"Baltic", "Vilniaus", "Kauno", "Gintaras", "Nemunas", "Neris", "Žalgiris", "Aukštaitija",
      "Šiaurės", "Rytų", "Vakarų", "Baltijos", "Lietuvos", "Dzūkija", "Švyturys", "Ąžuolas"},
     {"Logistika", "Prekyba", "Transportas", "Technika", "Sprendimai", "Sistemos", "Eksportas",
      "Grupė"}},
    {"NL",
     {"Holland", "Dutch", "Oranje", "Delta", "Maas", "Van Dijk", "De Vries", "Bakker", "Rijn",
      "Noord", "Zuid", "Polder", "Tulp", "Van Leeuwen", "Hollandia", "Vlaanderen"},
     {"Trading", "Logistics", "Techniek", "Export", "Groep", "Components", "Handel", "Systems"}},
    {"CZ",
     {"Technika", "Morava", "Bohemia", "Elektro", "Novák", "Strojírny", "Praha", "Brno", "Slezsko",
      "Vltava", "Labe", "Šumava", "Krkonoše", "Dvořák", "Svoboda", "Černý"},
     {"Export", "Obchod", "Servis", "Systémy", "Technika", "Trading", "Komponenty", "Group"}},
    {"FI",
     {"Nordic", "Suomen", "Arctic", "Lappi", "Karjala", "Savo", "Pohjola", "Häme", "Kaleva",
      "Vaasa", "Oulu", "Tampere", "Aalto", "Virtanen", "Mäkinen", "Nieminen"},
     {"Trading", "Tekniikka", "Logistiikka", "Komponentit", "Export", "Group", "Systems",
      "Palvelut"}},
    {"AT",
     {"Alpen", "Donau", "Wiener", "Tirol", "Steirische", "Kärntner", "Salzburger", "Linzer",
      "Gruber", "Huber", "Wagner", "Pichler", "Bauer", "Mayr", "Berger", "Hofer"},
     {"Handel", "Technik", "Export", "Vertrieb", "Systeme", "Logistik", "Komponenten", "Service"}},
    {"LV",
     {"Baltic", "Rīgas", "Daugava", "Latvijas", "Kurzeme", "Vidzeme", "Zemgale", "Latgale",
      "Jūrmala", "Gauja", "Venta", "Ozols", "Bērziņš", "Kalniņš", "Liepa", "Dzintars"},
     {"Serviss", "Tirdzniecība", "Loģistika", "Eksports", "Tehnika", "Grupa", "Sistēmas",
      "Trading"}},
};

std::vector<std::string> EuSpellings(std::string_view country, const std::string& core, Rng& rng) {
  const std::string up = ToUpper(core);
  std::vector<std::string> c;
  if (country == "DE" || country == "AT") {
    c = {core + " GmbH", up + " GMBH", core + " G.m.b.H.", FoldToAscii(core) + " GmbH"};
  } else if (country == "PL") {
    c = {core + " Sp. z o.o.",
         up + " SP. Z O.O.",
         core + " sp. z o.o.",
         core + " Spółka z ograniczoną odpowiedzialnością",
         FoldToAscii(core) + " Sp. z o.o.",
         core + " Sp.z o.o."};
  } else if (country == "IT") {
    c = {core + " S.r.l.", up + " SRL", core + " s.r.l.", core + " Srl"};
  } else if (country == "LT") {
    c = {"UAB „" + core + "“", "UAB \"" + core + "\"", core + ", UAB", FoldToAscii(up) + " UAB"};
  } else if (country == "NL") {
    c = {core + " B.V.", core + " BV", up + " B.V."};
  } else if (country == "CZ") {
    c = {core + " s.r.o.", core + ", s.r.o.", up + " S.R.O.", FoldToAscii(core) + " s.r.o."};
  } else if (country == "FI") {
    c = {core + " Oy", up + " OY", "Oy " + core, FoldToAscii(core) + " Oy"};
  } else {  // LV
    c = {"SIA \"" + core + "\"", "SIA " + core, core + ", SIA", "SIA " + FoldToAscii(core)};
  }
  std::vector<std::string> distinct;
  for (auto& s : c) AddDistinct(distinct, std::move(s));
  return ChooseSpellings(std::move(distinct), 0, static_cast<int>(rng.Int(1, 3)), rng);
}

struct Hanzi {
  const char* latin;
  const char* hanzi;
};
constexpr Hanzi kCnRegions[] = {
    {"Xinjiang", "新疆"}, {"Urumqi", "乌鲁木齐"}, {"Horgos", "霍尔果斯"}, {"Yiwu", "义乌"},
    {"Shenzhen", "深圳"}, {"Guangzhou", "广州"},  {"Ningbo", "宁波"},     {"Shanghai", "上海"},
    {"Hangzhou", "杭州"}, {"Suzhou", "苏州"},     {"Tianjin", "天津"},    {"Dongguan", "东莞"},
    {"Xiamen", "厦门"},   {"Qingdao", "青岛"}};
constexpr Hanzi kCnCores[] = {
    {"Huayu", "华宇"},   {"Jinhai", "金海"},    {"Tianshan", "天山"}, {"Hengtai", "恒泰"},
    {"Xinda", "鑫达"},   {"Zhongtian", "中天"}, {"Ruifeng", "瑞丰"},  {"Longhai", "龙海"},
    {"Hongda", "宏达"},  {"Jiahe", "嘉禾"},     {"Yongxin", "永信"},  {"Dacheng", "大成"},
    {"Haitong", "海通"}, {"Kaiyuan", "开元"},   {"Shengshi", "盛世"}, {"Baoli", "宝利"}};
constexpr Hanzi kCnKinds[] = {{"Trading", "贸易"},
                              {"Import & Export", "进出口"},
                              {"Electronics Technology", "电子科技"},
                              {"Machinery", "机械"},
                              {"International Trade", "国际贸易"},
                              {"Supply Chain Management", "供应链管理"},
                              {"Industrial", "实业"},
                              {"Auto Parts", "汽车配件"}};

std::vector<std::string> CnSpellings(Rng& rng, size_t* region_index) {
  *region_index = static_cast<size_t>(rng.Int(0, std::size(kCnRegions) - 1));
  const Hanzi& r = kCnRegions[*region_index];
  const Hanzi& c = rng.Pick(kCnCores);
  const Hanzi& k = rng.Pick(kCnKinds);
  const std::string base = std::string(r.latin) + " " + c.latin + " " + k.latin;
  std::vector<std::string> cands;
  AddDistinct(cands, base + " Co., Ltd.");
  AddDistinct(cands, ToUpper(base) + " CO.,LTD");
  AddDistinct(cands, std::string(c.latin) + " " + k.latin + " Co. Ltd");
  AddDistinct(cands, base + " Company Limited");
  AddDistinct(cands, std::string(r.hanzi) + c.hanzi + k.hanzi + "有限公司");
  return ChooseSpellings(std::move(cands), 0, static_cast<int>(rng.Int(1, 3)), rng);
}

constexpr const char* kCnStreets[] = {"Beijing Road", "Renmin Road",    "Jiefang Road",
                                      "Huanghe Road", "Zhongshan Road", "Xinhua Road",
                                      "Wenhua Road",  "Keji Road",      "Gongye Avenue"};

struct EuCity {
  const char* country;
  const char* city;  // with postcode, as the country writes it
  const char* street;
};
constexpr EuCity kEuCities[] = {{"DE", "70565 Stuttgart", "Industriestraße"},
                                {"DE", "20095 Hamburg", "Am Sandtorkai"},
                                {"DE", "80331 München", "Bahnhofstraße"},
                                {"DE", "04109 Leipzig", "Gewerbepark"},
                                {"DE", "40210 Düsseldorf", "Siemensstraße"},
                                {"PL", "00-001 Warszawa", "ul. Przemysłowa"},
                                {"PL", "80-001 Gdańsk", "ul. Portowa"},
                                {"PL", "90-001 Łódź", "ul. Piotrkowska"},
                                {"PL", "50-001 Wrocław", "ul. Legnicka"},
                                {"IT", "20121 Milano", "Via Roma"},
                                {"IT", "10121 Torino", "Corso Francia"},
                                {"IT", "37121 Verona", "Via dell'Industria"},
                                {"LT", "LT-03116 Vilnius", "Savanorių pr."},
                                {"LT", "LT-44001 Kaunas", "Pramonės pr."},
                                {"LT", "LT-91001 Klaipėda", "Minijos g."},
                                {"NL", "3011 AA Rotterdam", "Havenweg"},
                                {"NL", "5911 AA Venlo", "Celsiusweg"},
                                {"CZ", "110 00 Praha", "Průmyslová"},
                                {"CZ", "602 00 Brno", "Vídeňská"},
                                {"FI", "00510 Helsinki", "Teollisuuskatu"},
                                {"FI", "48100 Kotka", "Satamatie"},
                                {"AT", "1010 Wien", "Industriestraße"},
                                {"AT", "4020 Linz", "Hafenstraße"},
                                {"LV", "LV-1010 Rīga", "Brīvības iela"}};

std::string Number(Rng& rng) { return std::to_string(rng.Int(1, 180)); }

}  // namespace

std::string DocumentPrefix(const std::string& name) {
  static constexpr std::string_view kForms[] = {"TOO",
                                                "AO",
                                                "OOO",
                                                "OSOO",
                                                "OAO",
                                                "ZAO",
                                                "PAO",
                                                "IP",
                                                "IE",
                                                "LLP",
                                                "LLC",
                                                "JSC",
                                                "PJSC",
                                                "OJSC",
                                                "ZHSHS",
                                                "AQ",
                                                "MCHJ",
                                                "AJ",
                                                "GMBH",
                                                "UAB",
                                                "SIA",
                                                "OY",
                                                "BV",
                                                "SRL",
                                                "SRO",
                                                "CO",
                                                "LTD",
                                                "SP",
                                                "Z",
                                                "O",
                                                "TOVARISHCHESTVO",
                                                "OBSHCHESTVO",
                                                "AKTSIONERNOYE"};
  const std::string ascii = FoldToAscii(Romanize(name, Romanization::kBgnPcgn));
  std::vector<std::string> words(1);
  for (char c : ascii) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c >= 'A' && c <= 'Z') {
      words.back().push_back(c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  std::vector<std::string> core;
  for (std::string& w : words) {
    if (!w.empty() && std::find(std::begin(kForms), std::end(kForms), w) == std::end(kForms)) {
      core.push_back(std::move(w));
    }
  }
  std::string out;
  if (core.size() >= 2) {
    out = {core[0][0], core[1][0]};
  } else if (core.size() == 1) {
    out = core[0].substr(0, 2);
  }
  while (out.size() < 2) out.push_back('X');
  return out;
}

std::span<const KzCity> KzCities() { return kKzCities; }

const std::string& PickSpelling(const Company& company, Rng& rng) {
  if (company.spellings.size() == 1 || rng.Chance(0.65)) return company.spellings[0];
  return company.spellings[static_cast<size_t>(
      rng.Int(1, static_cast<int64_t>(company.spellings.size()) - 1))];
}

Party ToParty(const Company& company, const std::string& spelling) {
  Party p;
  p.name = spelling;
  p.country = company.country;
  p.ids = company.ids;
  p.address = company.address;
  p.registered_on = company.registered_on;
  return p;
}

std::string PartyRef(const Party& party) {
  if (party.ids.empty()) return party.name;
  return std::string(IdKindName(party.ids.front().kind)) + ":" + party.ids.front().value;
}

Date CompanyFactory::RegistrationDate(Rng& rng) const {
  // Founded between 1996 and a year before the simulation starts, more of them recently.
  const Date first = DaysFromCivil(1996, 1, 1);
  const Date last = today_ - 365;
  const double u = rng.Uniform();
  return first + static_cast<Date>((last - first) * (1.0 - u * u));
}

Company CompanyFactory::Unlisted(const std::function<Company()>& draw) const {
  Company c = draw();
  if (listed_ == nullptr) return c;
  auto listed = [this](const Company& company) {
    return std::any_of(
        company.spellings.begin(), company.spellings.end(),
        [&](const std::string& s) { return listed_->IsListedName(s, company.country); });
  };
  for (int draws = 1; listed(c); ++draws) {
    if (draws == kMaxDraws) {
      ++kept_listed_;
      break;
    }
    ++redrawn_;
    c = draw();
  }
  return c;
}

Company CompanyFactory::Make(std::string_view country, CompanyRole role, Rng& rng) const {
  return Unlisted([&] { return DrawCompany(country, role, rng); });
}

Company CompanyFactory::KzEntrepreneur(Rng& rng) const {
  return Unlisted([&] { return DrawEntrepreneur(rng); });
}

Company CompanyFactory::OffshoreTrader(std::string_view country, Rng& rng) const {
  return Unlisted([&] { return DrawOffshoreTrader(country, rng); });
}

Company CompanyFactory::DrawCompany(std::string_view country, CompanyRole role, Rng& rng) const {
  Company c;
  c.country = std::string(country);
  if (country == "KZ" || country == "RU" || country == "KG" || country == "UZ") {
    const Date registered = RegistrationDate(rng);
    c.registered_on = registered;
    const Core core = CyrillicCore(country, role, rng);
    const bool joint_stock = rng.Chance(role == CompanyRole::kTrader ? 0.1 : 0.04);
    const LegalForm* form = &kKzLlp;
    if (country == "KZ") {
      form = joint_stock ? &kKzJsc : &kKzLlp;
      c.ids.push_back({IdKind::kBin, KzBin(registered, rng)});
      static const std::array<double, std::size(kKzCities)> kWeights = [] {
        std::array<double, std::size(kKzCities)> w{};
        for (size_t i = 0; i < w.size(); ++i) w[i] = kKzCities[i].weight;
        return w;
      }();
      const KzCity& city = kKzCities[rng.Weighted(kWeights)];
      c.city = city.waypoint;
      c.address = std::string(rng.Pick(kKzStreets)) + " " + Number(rng) + ", " + city.cyrillic;
    } else if (country == "RU") {
      form = joint_stock ? (rng.Chance(0.5) ? &kRuPjsc : &kRuJsc) : &kRuLlc;
      const RuCity& city = rng.Pick(kRuCities);
      c.ids.push_back({IdKind::kInn, RuInn(city.region, rng)});
      c.ids.push_back({IdKind::kOgrn, RuOgrn(CivilFromDays(registered).year, city.region, rng)});
      c.address = std::string(rng.Pick(kRuStreets)) + ", д. " + Number(rng) + ", " + city.name;
    } else if (country == "KG") {
      form = joint_stock ? &kKgOjsc : &kKgLlc;
      c.ids.push_back({IdKind::kInn, KgInn(registered, rng)});
      c.address =
          std::string(rng.Pick(kKgStreets)) + " " + Number(rng) + ", " + rng.Pick(kKgCities);
    } else {
      form = joint_stock ? &kUzJsc : &kUzLlc;
      // The 9-digit taxpayer number (STIR); the model has no Uzbek kind, VAT is closest.
      c.ids.push_back({IdKind::kVat, (rng.Chance(0.5) ? "2" : "3") + rng.Digits(8)});
      const auto k = static_cast<size_t>(rng.Int(0, std::size(kUzCities) - 1));
      c.address = std::string(rng.Pick(kUzStreets)) + ", " + Number(rng) + ", " + kUzCities[k];
      if (rng.Chance(0.4)) {
        c.address =
            std::string(rng.Pick(kUzStreetsLatin)) + " " + Number(rng) + ", " + kUzCitiesLatin[k];
      }
    }
    c.spellings = CyrillicSpellings(country, core, *form, rng);
    // A company whose usual name is in Latin script writes its address in Latin too.
    if (country == "KZ" && (c.spellings[0][0] & 0x80) == 0) {
      for (const KzCity& city : kKzCities) {
        if (c.city == city.waypoint) {
          c.address =
              std::string(rng.Pick(kKzStreetsLatin)) + " " + Number(rng) + ", " + city.latin;
        }
      }
    }
  } else if (country == "CN") {
    size_t region = 0;
    c.spellings = CnSpellings(rng, &region);
    c.address = "No. " + Number(rng) + " " + rng.Pick(kCnStreets) + ", " +
                kCnRegions[region].latin + ", China";
  } else if (country == "TR") {
    return DrawOffshoreTrader("TR", rng);
  } else {
    const LatinNaming* naming = &kLatinNaming[0];
    for (const LatinNaming& n : kLatinNaming) {
      if (country == n.country) naming = &n;
    }
    std::string core = rng.Pick(naming->roots);
    if (rng.Chance(0.8)) core += std::string(" ") + rng.Pick(naming->seconds);
    if (role == CompanyRole::kCarrier) core += " Transport";
    c.spellings = EuSpellings(country, core, rng);
    const EuIds ids = EuCompanyIds(country, rng);
    c.ids.push_back({IdKind::kEori, ids.eori});
    c.ids.push_back({IdKind::kVat, ids.vat});
    std::vector<const EuCity*> cities;
    for (const EuCity& e : kEuCities) {
      if (country == e.country) cities.push_back(&e);
    }
    const EuCity& city = *rng.Pick(cities);
    c.address = std::string(city.street) + " " + Number(rng) + ", " + city.city;
  }
  c.bank = RandomBankAccount(country, rng);
  c.document_prefix = DocumentPrefix(c.spellings[0]);
  return c;
}

Company CompanyFactory::DrawEntrepreneur(Rng& rng) const {
  struct Surname {
    const char* male;
    const char* female;
  };
  static constexpr Surname kSurnames[] = {{"Ахметов", "Ахметова"},
                                          {"Жумабаев", "Жумабаева"},
                                          {"Сейткали", "Сейткали"},
                                          {"Касымов", "Касымова"},
                                          {"Ким", "Ким"},
                                          {"Цой", "Цой"},
                                          {"Щербаков", "Щербакова"},
                                          {"Юсупов", "Юсупова"},
                                          {"Хасанов", "Хасанова"},
                                          {"Оспанов", "Оспанова"},
                                          {"Абдрахманов", "Абдрахманова"},
                                          {"Есенов", "Есенова"},
                                          {"Иванов", "Иванова"},
                                          {"Ковальчук", "Ковальчук"},
                                          {"Пак", "Пак"},
                                          {"Тулегенов", "Тулегенова"},
                                          {"Муканов", "Муканова"},
                                          {"Яковлев", "Яковлева"}};
  static constexpr const char* kMale[] = {"Ерлан",   "Нурлан", "Асхат",   "Данияр",
                                          "Евгений", "Сергей", "Алексей", "Бауыржан",
                                          "Жандос",  "Юрий",   "Арман",   "Тимур"};
  static constexpr const char* kFemale[] = {"Юлия",      "Асель",   "Айгерим",  "Жанна",
                                            "Динара",    "Наталья", "Гульнара", "Ксения",
                                            "Анастасия", "Мадина",  "Татьяна",  "Яна"};
  struct Patronymic {
    const char* male;
    const char* female;
  };
  static constexpr Patronymic kPatronymics[] = {
      {"Сергеевич", "Сергеевна"},   {"Ерланович", "Ерлановна"},   {"Викторович", "Викторовна"},
      {"Юрьевич", "Юрьевна"},       {"Нурланович", "Нурлановна"}, {"Алексеевич", "Алексеевна"},
      {"Евгеньевич", "Евгеньевна"}, {"Ильич", "Ильинична"}};
  const bool female = rng.Chance(0.3);
  const Surname& s = rng.Pick(kSurnames);
  const std::string surname = female ? s.female : s.male;
  const std::string first = female ? rng.Pick(kFemale) : rng.Pick(kMale);
  const Patronymic& p = rng.Pick(kPatronymics);
  const std::string patronymic = female ? p.female : p.male;
  auto initial = [](const std::string& name) {
    size_t i = 0;
    std::string out;
    AppendUtf8(out, DecodeUtf8(name, i));
    return out + ".";
  };
  const std::string full = surname + " " + first + " " + patronymic;
  const std::string full_bgn = Romanize(full, Romanization::kBgnPcgn);
  const std::string full_icao = Romanize(full, Romanization::kIcao);
  std::vector<std::string> cands = {
      "ИП " + full,
      "ИП " + surname + " " + initial(first) + initial(patronymic),
      "IP " + full_bgn,
      "IP " + full_icao,
      "IE " + Romanize(surname + " " + first, Romanization::kBgnPcgn),
      "ЖК " + full,
      "ИП «" + surname + "»",
  };
  std::vector<std::string> distinct;
  for (auto& n : cands) AddDistinct(distinct, std::move(n));
  Company c;
  c.country = "KZ";
  c.spellings = ChooseSpellings(std::move(distinct), rng.Weighted({70, 10, 20}),
                                static_cast<int>(rng.Int(2, 4)), rng);
  const Date birth =
      DaysFromCivil(static_cast<int>(rng.Int(1960, 2000)), static_cast<unsigned>(rng.Int(1, 12)),
                    static_cast<unsigned>(rng.Int(1, 28)));
  c.ids.push_back({IdKind::kIin, KzIin(birth, female, rng)});
  const KzCity& city = rng.Pick(kKzCities);
  c.city = city.waypoint;
  c.address = std::string(rng.Pick(kKzStreets)) + " " + Number(rng) + ", " + city.cyrillic;
  c.registered_on = RegistrationDate(rng);
  c.bank = RandomBankAccount("KZ", rng);
  c.document_prefix = DocumentPrefix(c.spellings[0]);
  return c;
}

Company CompanyFactory::DrawOffshoreTrader(std::string_view country, Rng& rng) const {
  Company c;
  c.country = std::string(country);
  std::vector<std::string> cands;
  if (country == "TR") {
    static constexpr const char* kCores[] = {"Anadolu", "Boğaziçi", "Ege",   "Marmara", "Kaya",
                                             "Yıldız",  "Atlas",    "Demir", "Kartal",  "Toros"};
    static constexpr const char* kKinds[] = {"Dış Ticaret", "Lojistik", "Elektronik", "Makina",
                                             "Kimya"};
    const std::string base = std::string(rng.Pick(kCores)) + " " + rng.Pick(kKinds);
    AddDistinct(cands, base + " Ltd. Şti.");
    AddDistinct(cands, FoldToAscii(ToUpper(base)) + " LTD. STI.");
    AddDistinct(cands, base + " Limited Şirketi");
    AddDistinct(cands, FoldToAscii(base) + " Ltd. Sti.");
    // The Turkish tax number (VKN): ten digits.
    c.ids.push_back({IdKind::kVat, rng.Digits(10)});
    c.address = "Atatürk Cad. No:" + Number(rng) + ", " +
                rng.Pick({"İstanbul", "Mersin", "İzmir", "Ankara"});
  } else if (country == "AE") {
    static constexpr const char* kCores[] = {
        "Al Noor", "Gulf Star", "Emirates Bridge", "Desert Rose",  "Falcon",
        "Oasis",   "Al Safa",   "Crescent",        "Blue Horizon", "Silk Route"};
    const std::string core = rng.Pick(kCores);
    AddDistinct(cands, core + " General Trading LLC");
    AddDistinct(cands, ToUpper(core) + " GENERAL TRADING L.L.C.");
    AddDistinct(cands, core + " Gen. Trading LLC");
    AddDistinct(cands, core + " FZE");
    // The UAE tax registration number (TRN): fifteen digits starting 100.
    c.ids.push_back({IdKind::kVat, "100" + rng.Digits(12)});
    c.address = "Office " + std::to_string(rng.Int(101, 2410)) + ", " +
                rng.Pick({"Jumeirah Lake Towers, Dubai", "Dubai Silicon Oasis, Dubai",
                          "Jebel Ali Free Zone, Dubai", "Al Reem Island, Abu Dhabi"});
  } else {  // HK
    static constexpr const char* kCores[] = {
        "Pacific", "Golden Bridge", "Silver Sea",   "Victoria",    "Harbour",
        "Jade",    "Dragon",        "Eastern Star", "Ever Bright", "Grand Ocean"};
    static constexpr const char* kKinds[] = {"Trading", "International", "Holdings", "Electronics",
                                             "Supply Chain"};
    const std::string base = std::string(rng.Pick(kCores)) + " " + rng.Pick(kKinds);
    AddDistinct(cands, base + " Limited");
    AddDistinct(cands, base + " Ltd");
    AddDistinct(cands, ToUpper(base) + " LIMITED");
    AddDistinct(cands, base + " (HK) Limited");
    c.address = "Room " + std::to_string(rng.Int(101, 3208)) + ", " + Number(rng) + " " +
                rng.Pick({"Nathan Road, Kowloon", "Queen's Road Central, Central",
                          "Hennessy Road, Wan Chai", "Canton Road, Tsim Sha Tsui"}) +
                ", Hong Kong";
  }
  c.spellings = ChooseSpellings(std::move(cands), 0, static_cast<int>(rng.Int(1, 2)), rng);
  c.bank = RandomBankAccount(country, rng);
  c.document_prefix = DocumentPrefix(c.spellings[0]);
  return c;
}

Company CompanyFactory::KzTraderRegisteredOn(Date registered, Rng& rng) const {
  Company c = Make("KZ", CompanyRole::kTrader, rng);
  c.registered_on = registered;
  for (Identifier& id : c.ids) {
    if (id.kind == IdKind::kBin) id.value = KzBin(registered, rng);
  }
  return c;
}

// ---- sanctions list names ----

namespace {

struct FormToken {
  std::string_view text;
  std::string_view form;
};
// Longest first, so that "PUBLIC JOINT STOCK COMPANY" wins over "JOINT STOCK COMPANY".
constexpr FormToken kSdnForms[] = {{"OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "LLC"},
                                   {"OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "LLC"},
                                   {"LIMITED LIABILITY COMPANY", "LLC"},
                                   {"PUBLIC JOINT STOCK COMPANY", "PJSC"},
                                   {"OPEN JOINT STOCK COMPANY", "OJSC"},
                                   {"CLOSED JOINT STOCK COMPANY", "CJSC"},
                                   {"JOINT STOCK COMPANY", "JSC"},
                                   {"AKTSIONERNOE OBSHCHESTVO", "JSC"},
                                   {"LLC", "LLC"},
                                   {"OOO", "LLC"},
                                   {"PJSC", "PJSC"},
                                   {"OJSC", "OJSC"},
                                   {"CJSC", "CJSC"},
                                   {"JSC", "JSC"},
                                   {"PAO", "PJSC"},
                                   {"OAO", "OJSC"},
                                   {"ZAO", "CJSC"},
                                   {"AO", "JSC"}};

// Words that mark an English name ("... RESEARCH INSTITUTE"), which has no transliteration
// to vary.
constexpr std::string_view kEnglishWords[] = {
    "OF",          "THE",          "AND",         "FOR",        "PLANT",       "INSTITUTE",
    "RESEARCH",    "COMPANY",      "CORPORATION", "BANK",       "STATE",       "SCIENTIFIC",
    "PRODUCTION",  "ENTERPRISE",   "NAMED",       "AFTER",      "CENTER",      "CENTRE",
    "BUREAU",      "DESIGN",       "FACTORY",     "GROUP",      "HOLDING",     "INTERNATIONAL",
    "SHIPPING",    "MANAGEMENT",   "FUND",        "INVESTMENT", "SERVICES",    "SERVICE",
    "TRADING",     "TECHNOLOGIES", "TECHNOLOGY",  "SYSTEMS",    "SOLUTIONS",   "DEVELOPMENT",
    "LIMITED",     "ASSOCIATION",  "UNIVERSITY",  "FEDERAL",    "DIGITAL",     "CAPITAL",
    "ENGINEERING", "REPAIR",       "WORKS",       "INDUSTRIES", "ELECTRONICS", "AIRLINES",
    "PARTNERS",    "ASSET",        "INSURANCE",   "OIL",        "GAS",         "PORT",
    "MARITIME",    "UNITED",       "NATIONAL",    "PUBLIC",     "JOINT",       "STOCK",
    "OPEN",        "CLOSED",       "NEW",         "FIRM",       "SHIPYARD",    "CONCERN",
    "COMPLEX",     "INDUSTRIAL",   "LABORATORY",  "TRADE",      "EXPORT",      "IMPORT",
    "LOGISTICS",   "TRANS",        "BANKING",     "FINANCE",    "FINANCIAL",   "SECURITY"};

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string JoinWords(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

bool IsRussianLikeWord(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') {
      letter = true;
    } else if (!(c >= '0' && c <= '9') && c != '-') {
      return false;
    }
  }
  if (!letter) return false;
  for (std::string_view e : kEnglishWords) {
    if (w == e) return false;
  }
  return true;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

// Re-romanizes an upper-case BGN-style name in another system's habits.
std::string Respell(const std::string& core, int style) {
  std::string s = core;
  switch (style) {
    case 0:  // passport (ICAO) habits
      s = ReplaceAll(s, "YA", "IA");
      s = ReplaceAll(s, "YU", "IU");
      s = ReplaceAll(s, "IY", "II");
      s = ReplaceAll(s, "YY", "YI");
      s = ReplaceAll(s, "YE", "E");
      break;
    case 1:  // German habits
      s = ReplaceAll(s, "SHCH", "SCHTSCH");
      s = ReplaceAll(s, "ZH", "SCH");
      s = ReplaceAll(s, "KH", "CH");
      s = ReplaceAll(s, "TS", "Z");
      s = ReplaceAll(s, "V", "W");
      break;
    default:  // simplified Latin typed by a clerk
      s = ReplaceAll(s, "KH", "H");
      s = ReplaceAll(s, "KS", "X");
      s = ReplaceAll(s, "ZH", "J");
      s = ReplaceAll(s, "SHCH", "SCH");
      break;
  }
  return s;
}

}  // namespace

std::optional<SanctionedEntity> ParseSdnCompanyName(std::string_view name) {
  const std::vector<std::string> words = SplitWords(name);
  if (words.empty()) return std::nullopt;
  for (const FormToken& f : kSdnForms) {
    const std::vector<std::string> form_words = SplitWords(f.text);
    const size_t n = form_words.size();
    if (words.size() <= n) continue;
    size_t core_from = 0, core_to = 0;
    if (std::equal(form_words.begin(), form_words.end(), words.begin())) {
      core_from = n;
      core_to = words.size();
    } else if (std::equal(form_words.begin(), form_words.end(), words.end() - n)) {
      core_from = 0;
      core_to = words.size() - n;
    } else {
      continue;
    }
    if (core_to - core_from > 3) return std::nullopt;
    for (size_t i = core_from; i < core_to; ++i) {
      if (!IsRussianLikeWord(words[i])) return std::nullopt;
    }
    SanctionedEntity e;
    e.listed_name = std::string(name);
    e.core = JoinWords(words, core_from, core_to);
    e.form = std::string(f.form);
    return e;
  }
  return std::nullopt;
}

std::string SanctionedVariantSpelling(const SanctionedEntity& entity, Rng& rng) {
  const LegalForm* form = &kRuLlc;
  if (entity.form == "JSC") form = &kRuJsc;
  if (entity.form == "PJSC") form = &kRuPjsc;
  if (entity.form == "OJSC") form = &kRuOjsc;
  if (entity.form == "CJSC") form = &kRuCjsc;
  if (rng.Chance(0.5)) {
    const std::string cyr = CyrillicFromRomanized(entity.core);
    switch (rng.Int(0, 2)) {
      case 0:
        return std::string(form->cyr) + " «" + cyr + "»";
      case 1:
        return std::string(form->cyr) + " \"" + ToUpper(cyr) + "\"";
      default:
        return std::string(form->cyr_full) + " «" + cyr + "»";
    }
  }
  const int first = static_cast<int>(rng.Int(0, 2));
  for (int k = 0; k < 3; ++k) {
    const std::string respelled = Respell(entity.core, (first + k) % 3);
    if (respelled == entity.core) continue;
    if (rng.Chance(0.5)) return ToTitle(respelled) + " " + form->eng;
    return std::string(form->translit) + " " + ToTitle(respelled);
  }
  // Nothing to respell in Latin ("KMT"): the Cyrillic spelling is the variant.
  return std::string(form->cyr) + " «" + CyrillicFromRomanized(entity.core) + "»";
}

}  // namespace keruen::sim_internal
