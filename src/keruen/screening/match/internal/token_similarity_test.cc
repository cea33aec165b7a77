#include "keruen/screening/match/internal/token_similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

double Similarity(std::string_view a, std::string_view b) {
  const std::u32string ca = ToCodePoints(a), cb = ToCodePoints(b);
  return TokenSimilarity(MakeTokenView(ca), MakeTokenView(cb));
}

// `abjad` as a query's word romanised from Arabic or Hebrew script against the Latin `latin`.
double AbjadSimilarityOf(std::string_view abjad, std::string_view latin) {
  const std::u32string ca = ToCodePoints(abjad), cb = ToCodePoints(latin);
  TokenView query = MakeTokenView(ca);
  query.abjad = true;
  return TokenSimilarity(query, MakeTokenView(cb));
}

TEST(AbjadTest, AVowellessWordPairsWithTheLatinSpellingsOfItsLetters) {
  for (const auto& [abjad, latin] : std::vector<std::pair<std::string, std::string>>{
           {"bwtyn", "putin"},        // b for p, w and y as long vowels
           {"bwtn", "putin"},         // the vowel unwritten
           {"fladymyr", "vladimir"},  // f for v, alif as a
           {"wldymyr", "vladimir"},   // Hebrew and Persian w for v
           {"mhmwd", "mahmoud"},      // short vowels unwritten
           {"mhmd", "mohamed"},       //
           {"hsn", "hassan"},         // a doubled consonant written once
           {"ahmd", "ahmed"},         // an alif begins a word that begins with a vowel
           {"ehmd", "ahmad"},         // so does an ayin or a Hebrew alef ("e")
           {"fatmh", "fatima"},       // a final h (and ة) as nothing
           {"asamh", "usama"},        // two consonants: a short skeleton
           {"hmzh", "hamza"},         // a final "zh" is z and h
           {"ezh", "izzat"},          // a final h (ة) may also be t
           {"dwd", "david"},          //
           {"msh", "moshe"},          //
       }) {
    EXPECT_GE(AbjadSimilarityOf(abjad, latin), kAbjadSimilarity) << abjad << " " << latin;
  }
}

TEST(AbjadTest, ItsLongVowelsAndFirstLetterMustBeThere) {
  for (const auto& [abjad, latin] : std::vector<std::pair<std::string, std::string>>{
           {"hsyn", "hasan"},   // the y of Husayn is a long i
           {"ahsan", "hasan"},  // Ehsan begins with a vowel
           {"hmydy", "ahmad"},  // Hamidi ends with a long i
           {"nsr", "ansari"},   // Ansari begins with a vowel Nasser lacks
           {"ebyel", "bill"},   // nor does Bill begin with Aviel's alef
           {"fdl", "woodall"},  // the Latin w is no f
           {"dwst", "davies"},  // a final t is written
           {"nsr", "nasri"},    // a final i is written (ي)
           {"mhmd", "mohammadi"},
           {"ly", "ali"},  // one consonant identifies nothing
       }) {
    EXPECT_LT(AbjadSimilarityOf(abjad, latin), kAbjadSimilarity) << abjad << " " << latin;
  }
  // Only an abjad query word reads so: as Latin words they are unrelated, either way round.
  EXPECT_EQ(Similarity("bwtyn", "putin"), 0.0);
  const std::u32string bwtyn = U"bwtyn", putin = U"putin";
  TokenView listed = MakeTokenView(bwtyn);
  listed.abjad = true;
  EXPECT_EQ(TokenSimilarity(MakeTokenView(putin), listed), 0.0);
}

TEST(AbjadTest, KeysCoverEveryReading) {
  const AbjadSkeletons bwtyn = MakeAbjadSkeletons(U"bwtyn");
  EXPECT_TRUE(bwtyn.Contains(SkeletonKey(U"putin")));
  EXPECT_TRUE(bwtyn.Contains(SkeletonKey(U"baton")));  // the skeleton alone is loose
  EXPECT_TRUE(MakeAbjadSkeletons(U"fladymyr").Contains(SkeletonKey(U"vladimir")));
  EXPECT_TRUE(MakeAbjadSkeletons(U"asamh").Contains(AbjadSkeletonKey(U"usama")));
  EXPECT_EQ(AbjadSkeletonKey(U"ali"), 0u);
  EXPECT_EQ(MakeAbjadSkeletons(U"a1b").count, 0u);
  // Many ambiguous letters: at most kMaxAbjadSkeletons distinct keys, the written ones first.
  EXPECT_TRUE(MakeAbjadSkeletons(U"ezh").Contains(AbjadSkeletonKey(U"izzat")));
  // Longer than any name: not read letter by letter.
  EXPECT_EQ(AbjadSimilarityOf(std::string(41, 'b'), std::string(40, 'b') + "a"), 0.0);
  const AbjadSkeletons many = MakeAbjadSkeletons(U"bwfbwfbwfqth");
  EXPECT_EQ(many.count, kMaxAbjadSkeletons);
  EXPECT_EQ(many.keys[0], AbjadSkeletonKey(U"bvfbvfbvfkth"));
}

TEST(SkeletonTest, FoldsRomanisationVariantsTogether) {
  EXPECT_EQ(Skeleton(U"aleksandr"), Skeleton(U"alexander"));
  EXPECT_EQ(Skeleton(U"muhammad"), Skeleton(U"mohammed"));
  EXPECT_EQ(Skeleton(U"mukhammad"), Skeleton(U"muhammad"));
  EXPECT_EQ(Skeleton(U"shcherbakov"), Skeleton(U"scherbakov"));
  EXPECT_EQ(Skeleton(U"yevgeniy"), Skeleton(U"evgeny"));
  EXPECT_EQ(Skeleton(U"hussein"), Skeleton(U"husain"));
  EXPECT_NE(Skeleton(U"ivanov"), Skeleton(U"petrov"));
  EXPECT_NE(Skeleton(U"ivanov"), Skeleton(U"ivashov"));
  EXPECT_EQ(Skeleton(U"hussein"), Skeleton(U"husein"));       // a doubled letter folds
  EXPECT_NE(Skeleton(U"avtotreyd"), Skeleton(U"aviatreid"));  // a repeated one does not
}

TEST(TokenSimilarityTest, KeepsTyposAndRomanisationsButNotLookalikes) {
  EXPECT_EQ(Similarity("petrov", "petrov"), 1.0);
  EXPECT_GT(Similarity("petrov", "petrof"), 0.9);           // one substitution
  EXPECT_GT(Similarity("romashka", "romaska"), 0.9);        // one deletion
  EXPECT_GT(Similarity("aleksandr", "alexander"), 0.8);     // three edits, same skeleton
  EXPECT_GT(Similarity("shcherbakov", "scherbakov"), 0.9);  // one edit
  EXPECT_GT(Similarity("artem", "atrem"), 0.9);             // two letters swapped
  EXPECT_EQ(Similarity("ivanov", "ivashov"), 0.0);          // two edits in seven letters
  EXPECT_EQ(Similarity("globex", "globus"), 0.0);
  EXPECT_EQ(Similarity("smith", "jones"), 0.0);
  EXPECT_EQ(Similarity("7", "8"), 0.0);  // digits must be equal
  EXPECT_EQ(Similarity("plant7", "plant8"), 0.0);
  // Three edits apart and a skeleton apart: Autotrade and Aviatrade are other companies.
  EXPECT_EQ(Similarity("avtotreyd", "aviatreid"), 0.0);
  EXPECT_EQ(Similarity("", ""), 0.0);
}

TEST(TokenSimilarityTest, ShortWordsNeedTheSameStartAndNoExtraConsonant) {
  // One edit away and Jaro-Winkler >= 0.85, but other words (names of unrelated companies).
  EXPECT_EQ(Similarity("alas", "atlas"), 0.0);  // a consonant inserted
  EXPECT_EQ(Similarity("ulan", "mulan"), 0.0);  // another first letter
  EXPECT_EQ(Similarity("volga", "olga"), 0.0);
  EXPECT_EQ(Similarity("arman", "raman"), 0.0);  // same skeleton, another first letter
  EXPECT_EQ(Similarity("aksu", "aksh"), 0.0);    // four letters, a consonant changed
  EXPECT_EQ(Similarity("sark", "srk"), 0.0);     // an abbreviation against a word
  EXPECT_GT(Similarity("srk", "srk"), 0.99);
  // Romanisations and typos of short names still pair.
  EXPECT_GT(Similarity("semen", "semyon"), 0.85);  // same skeleton
  EXPECT_GT(Similarity("ilyas", "iliyas"), 0.85);  // a vowel inserted, the same romanisation
  EXPECT_GT(Similarity("yuri", "yuriy"), 0.85);
  EXPECT_GT(Similarity("elena", "yelena"), 0.85);  // a leading "y"
  EXPECT_GT(Similarity("egor", "yegor"), 0.85);
  EXPECT_GT(Similarity("putin", "puten"), 0.85);  // a letter substituted
  EXPECT_GT(Similarity("olga", "olag"), 0.85);    // two letters swapped
  EXPECT_EQ(Similarity("john", "johan"), 0.0);    // a letter inserted into a four-letter word
  // From five letters a consonant may be inserted, as typos do ("scott" written "scot"); so
  // "altai" and "altair" pair and only the first-letter rule refuses lookalikes there.
  EXPECT_GT(Similarity("scot", "scott"), 0.85);
  EXPECT_GT(Similarity("altai", "altair"), 0.85);
  // Longer words keep the one-edit rule.
  EXPECT_GT(Similarity("romashka", "romaska"), 0.9);
}

TEST(RomanisedSpellingTest, FoldsTheSchemesOfOneCyrillicWordTogether) {
  auto same = [](std::u32string_view a, std::u32string_view b) {
    return MakeSpellingKeys(a).SameRomanisation(MakeSpellingKeys(b));
  };
  EXPECT_TRUE(same(U"yurii", U"yury"));               // ий: ICAO, BGN
  EXPECT_TRUE(same(U"jurij", U"iurii"));              // GOST 16876, ICAO
  EXPECT_TRUE(same(U"nikolaevič", U"nikolayevich"));  // ISO 9 with č, BGN
  EXPECT_TRUE(same(U"balickijj", U"balytskiy"));      // GOST 16876's c and jj
  EXPECT_TRUE(same(U"mixajlovna", U"mikhaylovna"));   // x for х (Slavic reading)
  EXPECT_TRUE(same(U"serheevych", U"sergeevich"));    // Ukrainian h for г
  EXPECT_TRUE(same(U"chevtchenko", U"shevchenko"));   // French ch and tch
  EXPECT_TRUE(same(U"majouga", U"mazhuga"));          // French j and ou
  EXPECT_TRUE(same(U"fyodor", U"fedor"));             // ё as yo or e
  EXPECT_TRUE(same(U"pumpânskij", U"pumpyansky"));    // ISO 9 â for я
  EXPECT_TRUE(same(U"khadjismelovitch", U"khadzhismelovich"));
  EXPECT_TRUE(same(U"maxim", U"maksim"));  // x as ks
  EXPECT_FALSE(same(U"ivanov", U"ivashov"));
  EXPECT_FALSE(same(U"antonio", U"antone"));  // "io" at the end is no ё
  EXPECT_FALSE(same(U"yan", U"ian"));         // too short to be a key
  EXPECT_FALSE(same(U"plant7", U"plant7"));   // no keys with digits
  // Such pairs are the same word, however many edits apart.
  EXPECT_GE(Similarity("yurii", "yury"), kRomanisationSimilarity);
  EXPECT_GE(Similarity("mixajlovna", "mikhaylovna"), kRomanisationSimilarity);
}

bool SameRomanisation(std::u32string_view a, std::u32string_view b) {
  return MakeSpellingKeys(a).SameRomanisation(MakeSpellingKeys(b));
}

TEST(RomanisedSpellingTest, ReadsGermanSpellingsWithTheirSibilantsMerged) {
  EXPECT_TRUE(GermanSpelling(U"nebensja"));  // "j" before a vowel
  EXPECT_TRUE(GermanSpelling(U"sadoroschnyj"));
  EXPECT_TRUE(GermanSpelling(U"saborsski"));
  EXPECT_TRUE(GermanSpelling(U"sacharow"));
  EXPECT_FALSE(GermanSpelling(U"sakharov"));
  EXPECT_FALSE(GermanSpelling(U"nebenzya"));
  EXPECT_FALSE(GermanSpelling(U"ross"));  // "ss" at the end is no с between vowels
  EXPECT_EQ(SibilantSpelling(U"nebensja"), SibilantSpelling(U"nebenzya"));
  EXPECT_EQ(SibilantSpelling(U"sadoroschnyj"), U"sadoroSni");
  // German s for з, ss for с, sch for ж and ш.
  EXPECT_TRUE(SameRomanisation(U"nebensja", U"nebenzya"));         // небензя
  EXPECT_TRUE(SameRomanisation(U"sadoroschnyj", U"zadorozhnyy"));  // задорожный
  EXPECT_TRUE(SameRomanisation(U"saborsski", U"zaborskiy"));       // заборский
  EXPECT_TRUE(SameRomanisation(U"schytkewytsch", U"zhytkevych"));  // житкевич
  EXPECT_TRUE(SameRomanisation(U"medsmariaschwili", U"medzmariashvili"));
  EXPECT_TRUE(SameRomanisation(U"sacharow", U"zakharov"));   // German cannot tell з from с,
  EXPECT_TRUE(SameRomanisation(U"sacharow", U"sakharov"));   // so both are its reading;
  EXPECT_FALSE(SameRomanisation(U"zakharov", U"sakharov"));  // the others can
  EXPECT_FALSE(SameRomanisation(U"nebensja", U"nebenzyuk"));
  EXPECT_GE(Similarity("nebensja", "nebenzya"), kRomanisationSimilarity);
  // Without the rule the two are only a typo apart, below a romanisation's similarity.
  EXPECT_LT(Similarity("zakharov", "sakharov"), kRomanisationSimilarity);
}

TEST(RomanisedSpellingTest, ReadsDutchAndScandinavianSpellings) {
  EXPECT_TRUE(SameRomanisation(U"ljoebomyra", U"lyubomira"));             // oe for у
  EXPECT_TRUE(SameRomanisation(U"vjatjeslavovitj", U"vyacheslavovich"));  // tj for ч
  EXPECT_TRUE(SameRomanisation(U"sjisjkin", U"shishkin"));                // sj for ш
  EXPECT_TRUE(SameRomanisation(U"zjoekov", U"zhukov"));                   // zj for ж
  EXPECT_FALSE(SameRomanisation(U"ljoebomyra", U"lyubomirova"));
  EXPECT_FALSE(SameRomanisation(U"vjatjeslavovitj", U"vyacheslavovna"));  // the stem only
}

TEST(RomanisedSpellingTest, ReadsGermanDjAsDPlusJ) {
  EXPECT_TRUE(SameRomanisation(U"djakowa", U"dyakova"));      // дякова
  EXPECT_TRUE(SameRomanisation(U"najdjonow", U"naydyonov"));  // найдёнов
  EXPECT_TRUE(SameRomanisation(U"djakowa", U"dzhakova"));     // the plain reading: дж
  EXPECT_FALSE(SameRomanisation(U"djakowa", U"dyakonova"));
}

TEST(RomanisedSpellingTest, ReadsFinalOffAsOvAndDanishOAsYo) {
  EXPECT_TRUE(SameRomanisation(U"baidakoff", U"baydakov"));
  EXPECT_TRUE(SameRomanisation(U"smirnoff", U"smirnov"));
  EXPECT_TRUE(SameRomanisation(U"tsvetaeff", U"tsvetaev"));
  EXPECT_FALSE(SameRomanisation(U"baidakoff", U"baidakova"));
  EXPECT_FALSE(SameRomanisation(U"offenbach", U"ovenbach"));  // only at the end
  EXPECT_TRUE(SameRomanisation(U"løke", U"lëke"));            // ø as ö, ё
  EXPECT_TRUE(SameRomanisation(U"bjørnov", U"byornov"));
  EXPECT_FALSE(SameRomanisation(U"løke", U"loke"));
}

TEST(PatronymicStemTest, OneNamesPatronymicsShareAStemInEveryGenderAndScheme) {
  for (std::u32string_view patronymic :
       {U"nikolaevich", U"nikolayevna", U"nikołajewicz", U"nikolajevitj", U"nyikolajevics",
        U"nikolàievitx", U"nikolajewitsch", U"nikolaïevitch"}) {
    EXPECT_EQ(PatronymicStem(patronymic, Reading::kPlain), U"nikol")
        << std::string(patronymic.begin(), patronymic.end());
  }
  EXPECT_EQ(PatronymicStem(U"samoylovytch", Reading::kPlain), U"samoil");
  EXPECT_EQ(PatronymicStem(U"andrejevitsj", Reading::kPlain), U"andr");  // Dutch tsj
  EXPECT_EQ(PatronymicStem(U"barysauna", Reading::kPlain), U"baris");    // Belarusian -аўна
  // The Ukrainian h of г reads as g in the Slavic reading only.
  EXPECT_EQ(PatronymicStem(U"ihorivna", Reading::kSlavic), U"igor");
  EXPECT_EQ(PatronymicStem(U"ihorivna", Reading::kPlain), U"iHor");
  // Not patronymics: no ending, or too little before it.
  EXPECT_EQ(PatronymicStem(U"ivanova", Reading::kPlain), U"");
  EXPECT_EQ(PatronymicStem(U"ivanov", Reading::kPlain), U"");
  EXPECT_EQ(PatronymicStem(U"ivna", Reading::kPlain), U"");
  EXPECT_EQ(PatronymicStem(U"ovich", Reading::kPlain), U"");
}

TEST(TokenSimilarityTest, PatronymicsOfOneNamePairWhateverTheirGenderOrLanguage) {
  EXPECT_GE(Similarity("nikolaevich", "nikolaevna"), kPatronymicSimilarity);
  EXPECT_GE(Similarity("ihorivna", "igorevna"), kPatronymicSimilarity);  // Ukrainian, Russian
  EXPECT_GE(Similarity("pavlovitj", "pavlovich"), kPatronymicSimilarity);
  EXPECT_GE(Similarity("georgievna", "gieorgijewicz"), kPatronymicSimilarity);
  // Another father's name, or a surname that is no patronymic.
  EXPECT_EQ(Similarity("nikolaevich", "pavlovna"), 0.0);
  EXPECT_EQ(Similarity("petrovna", "petrov"), 0.0);
  // The patronymic key is an index key: the index finds one patronymic from the other.
  const SpellingKeys male = MakeSpellingKeys(U"stanislavovich");
  const SpellingKeys female = MakeSpellingKeys(U"stanislavovna");
  EXPECT_TRUE(male.SamePatronymic(female));
  std::vector<uint64_t> male_keys;
  ForEachSpellingKey(male, [&](uint64_t key) { male_keys.push_back(key); });
  bool shared = false;
  ForEachSpellingKey(female, [&](uint64_t key) {
    shared = shared || std::find(male_keys.begin(), male_keys.end(), key) != male_keys.end();
  });
  EXPECT_TRUE(shared);
}

TEST(TokenSimilarityTest, AWordTheListsHoldIsNotATypoOfAnother) {
  auto similarity = [](std::u32string_view query, std::u32string_view listed) {
    TokenView q = MakeTokenView(query);
    q.in_dictionary = true;
    return TokenSimilarity(q, MakeTokenView(listed));
  };
  EXPECT_EQ(similarity(U"ronald", U"donald"), 0.0);  // one edit
  EXPECT_EQ(similarity(U"steven", U"steve"), 0.0);
  EXPECT_EQ(similarity(U"roberto", U"robert"), 0.0);  // same skeleton, a final vowel
  EXPECT_EQ(similarity(U"antonia", U"antonio"), 0.0);
  EXPECT_GT(similarity(U"aleksandr", U"alexander"), 0.85);  // same skeleton
  EXPECT_GT(similarity(U"yury", U"yurii"), 0.9);            // same romanisation
  // The same pairs as typos of words the lists do not hold.
  EXPECT_GT(Similarity("ronald", "donald"), 0.85);
  EXPECT_GT(Similarity("roberto", "robert"), 0.85);
}

}  // namespace
}  // namespace keruen::screening::internal
