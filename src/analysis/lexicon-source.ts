// Curated word lists that steer the light stemmer. They are written here by hand, in
// ordinary spelling; `loadSet` folds them with the same normalizer the analyzer uses, so
// every list can be read and extended by anyone who writes Arabic.
//
// How the lists were chosen: the stemmer strips an affix only where the remaining stem
// is long enough to be a word, and these lists catch the frequent words and names whose
// ending or beginning merely looks like an affix (لبنان is not لبن + ان). Candidates
// were found by running the stemmer over a large news corpus and looking at frequent
// words whose stem collides with another frequent word; the decisions are ours.

import { AYASPELL_FEMININE, AYASPELL_PLURALS, AYASPELL_VERBS, AYASPELL_WORDS } from './ayaspell';
import { ORGANIZATION_NAMES, PERSON_NAMES as PERSON_NAMES_TEXT, PLACE_NAMES } from './gazetteer';
import { dictionaryKey, foldLetters, lightNormalize, normalize } from './normalize';

function loadSet(words: string, dropArticle = false): Set<string> {
  const out = new Set<string>();
  for (const w of words.split(/\s+/)) {
    if (!w) continue;
    // Entries are stems: the article is stripped before the lexicon is consulted — but
    // only a written ال, not the hamza-seated أل of ألمانيا.
    const light = lightNormalize(w);
    out.add(foldLetters(dropArticle && light.startsWith('ال') && light.length > 4 ? light.slice(2) : light));
  }
  return out;
}

/**
 * Function words: indexed as they are, never stemmed (stemming الذي to ذي or هناك
 * to هنا would only manufacture collisions).
 */
const FUNCTION_WORDS_TEXT = `
  في من على الى إلى عن مع ان أن إن كان كانت يكون تكون كانوا التي الذي الذين اللذين اللتين اللذان اللتان اللاتي
  هذا هذه هذان هاتان هؤلاء ذلك تلك ذلكم أولئك هناك هنا هنالك هو هي هم هما هن نحن انا أنا انت أنت أنتم
  لم لن لا ما ماذا لماذا كيف متى أين اين قد لقد ثم او أو أم بل حتى اذا إذا إذ كل بعض غير بين عند منذ مذ
  خلال حول ضد نحو لدى لكن لكنه لكنها ولكن وقد وكان وكانت وهو وهي وهم فيه فيها فيهم منه منها منهم عليه عليها
  عليهم اليه إليه اليها إليها اليهم إليهم عنه عنها عنهم له لها لهم لهما به بها بهم انه أنه إنه انها أنها
  إنها انهم أنهم إنهم ايضا أيضا حيث بعد قبل تحت فوق دون سوى وفق وفقا الا إلا إلي لدي لديه لديها لديهم
  كما كذلك مثل عبر لدى ليس ليست لعل كأن لأن لان بأن بان وأن وان وإن فإن فان كي لكي ثمة أي اي أية ايه
  التى الذى إلى علي عليا معه معها معهم بينما بينهم بينها بيننا اما أما إما وما ومن وفي وعلى وعن ومع ولا
  ولم ولن وهذا وهذه وذلك وتلك فقد فقط سواء جدا جميع كلا كلتا إياه اياه لذا لذلك
  هل لو لولا كلما بينه عندما حين حينما عن منا معنا لنا بنا عليه يا أيها الله والله بالله لله
`;

/**
 * Words and names that must not lose what looks like a suffix: stripping would merge them
 * with an unrelated word (لبنان→لبن milk, سليمان→سليم, البحرين→بحر sea, تركي→ترك left)
 * or split one word's forms across two stems.
 */
const PROTECTED_TEXT = `
  لبنان عدنان سليمان عثمان رمضان شعبان عمران سودان السودان اليونان البلقان الشيشان الجولان إيران ايران
  طهران عمان عمّان أذربيجان تايوان أصفهان يريفان كازاخستان باكستان أفغانستان كردستان طاجيكستان
  أوزبكستان تركمانستان قيرغيزستان هندوستان داغستان بلوشستان فلسطين البحرين الصين برلين بنيامين ياسين
  حسين الحسين شاهين أمين الأمين نسرين ياسمين جنين حطين قزوين الدين تشرين صفين
  برلمان البرلمان إنسان الإنسان طيران الطيران إعلان الإعلان ميدان الميدان ديوان الديوان عنوان العنوان
  إيمان سلطان السلطان ضمان الضمان إحسان إتقان أحيان الأحيان جيران ألوان أركان أديان إخوان الإخوان
  قرآن القرآن بركان بستان لسان مكان زمان أمان كيان بيان البيان سكان السكان
  مروان غسان حسان سلمان نعمان لقمان قحطان حمدان زهران عدنان مرجان ريان رضوان عثمان شعلان
  زيتون هارون كانون قانون القانون ليمون صابون فرعون شمعون تلفزيون التلفزيون مليون المليون
  عرفات بركات سادات فرات الفرات
  مهدي المهدي فوزي مجدي حمدي رشدي سامي ناجي هادي الهادي راضي علي سعدي شكري صبري
  لطفي حلمي فتحي رمزي عوني حسني البغدادي السيستاني الخميني الحريري الجبير الظواهري
  روحاني بوتين ولي كرسي لينا ياسمين كيفين لينين شيرين سيرين
  الله اتجاه الاتجاه انتباه مياه المياه اشتباه وجه الوجه نزيه فقيه الفقيه تنبيه رفاه شبه تشابه
  تفاهم التفاهم متهم المتهم درهم الدرهم مرهم
  فيينا أثينا كورونا سيناء قطرات عادي عادية طائفية جنسية مخابرات
  عشرين عشرون ثلاثين ثلاثون أربعين أربعون خمسين خمسون ستين ستون سبعين سبعون ثمانين ثمانون تسعين تسعون
`;

/**
 * Words beginning with و ب ل whose first letter belongs to the word itself. A bare
 * clitic is still considered for other words (وطهران, بطهران, لخامنئي), but these
 * keep their first letter: stripping it would join وزارة to زار "visited" and split
 * وزير from الوزير.
 */
const ROOT_INITIAL_TEXT = `
  وزير وزيرة وزارة وزراء وزيرا ولاية ولايات واشنطن وكالة وكالات وثيقة وثائق وادي وحدة وحدات وجود وصول
  وضع وطن وطني وطنية وقت وقف وفد وفاة وفاق وسط وسطاء ورقة وعد وليد وائل وفاء وزن وسيلة وسائل ولي
  وحيد واقع وقود ورشة وجبة وظيفة وظائف وصف وصفة وكيل ولادة وطأة وجهة وجهات وعي وقائع ويكيليكس
  واقعة واقعي والد والدة وارد واردات وزن ورد وراء ودائع وصية وعود وفود وسام ولاء وئام
  وافق وافقت وافقوا وافقا واصل واصلت واصلوا واصلا
  بريطانيا برلمان بلد بلاد بلدة بلدان بلدية بيان بنك بنوك بيت بيوت بحر بحار بحرية بترول بغداد بيروت
  بشار باراك بوتين برنامج برامج بداية بعد بين بدون باريس بكين بحث بحوث بطولة بطل بناء بنية بوابة
  بورصة بيئة بيع براءة بركة بشر بشرية بضائع بطاقة بلجيكا بلغاريا بنغلاديش بوروندي بولندا بوليفيا
  بيلاروسيا بنما برازيل البرازيل بروكسل بون بلال بسام باسل بدر بشير بهاء بكر بندر بيرق بلقيس بلير بوش
  بايدن بان بنيامين بارزاني بوكو بيشاور بيرو
  لبنان ليبيا لندن لجنة لجان لقاء لقاءات لاعب لاعبين لعبة لحظة لغة لون ليل ليلة لحم لوحة لائحة لواء
  لاجئ لاجئين لاجئون لبناني ليبي لوبي ليبرالي لوكسمبورغ لاتفيا ليتوانيا لاهاي لاغوس لؤي لينا ليلى
  ليث لافروف لاريجاني لحية
  بنود بند بيانات بحوث بحيرة بلدية بطولة بعثة بقية بناء بنية بيئة بعيد بديل بدائل بورصة بطاقة بطالة بضائع
  بلوغ بليون بلايين بارز بارد باحث باحثين باقي باهظ بائع بلاغ بلاد بريد بقاء بيوت بحار بحرية بحث برامج
  وجهة وجود واجب واجبات وعود وكيل وحدة ورقة أوراق وساطة وسيط وسيلة وظيفة وقود ورشة وارد واقع وادي وسام
  وباء ولاء وداع وديعة وراء وصية وريث وفرة وفير ورود واضح وضوح وصاية وقفة وطنية وزيرة وفاق
  لجنة لجان لقاء لاعب لعبة لحظة لغات لهجة لسان لطيف لقطة لباس لازم لائق لواء لائحة لوائح لوحة ليلة
  لياقة لقاح لقب
  كانت كافة كامل كاملة كاملا كيري كشف كشفت كريم كريمة كلام كلية كليات كليا كمال كاميرا كيان كتلة كلفت كلفة
  كمين كروز كفيلة كفيل كراسي كرسي كسور كسب كتاب كتب كتابة كبير كبيرة كبار كثير كثيرة كثيرا كلمة كلمات
  كهرباء كمية كميات كفاءة كيفية كنيسة كنائس كارثة كوارث كفاح كتيبة كتائب كراهية كرامة كيلومتر كمبيوتر
  فيصل فكرة فكري فكرية فنية فني فنان فعلا فعلي فعليا فعلية فعال فعالية فساد فاسد فداء فريد فريدة فقرات
  فقرة فقراء فقير فخور فرحة فريق فرقة فرصة فرص فترة فترات فصيل فصائل فندق فنادق فائز فلاح فلاحين فقيه
  فحوص فريضة فضاء فضائية فضيحة فلسفة فيروس فيديو فيسبوك فوائد فائدة فائض فوضى فيضان فراغ فقدان
`;

/**
 * Three-letter nouns whose dual in ين is common in news (يومين, عامين, الطرفين). Other
 * three-letter stems keep their ين, which far more often ends a name (حسنين, ياسين).
 */
const DUAL_NOUNS_TEXT = `
  يوم شهر عام طرف بلد جيش حزب شخص رجل قرن نوع حكم قسم فصل صف عضو نصف ربع مبلغ ضلع مقعد أمر
  شعب دين حرب وجه جزء جسر باب خط حد حل قطب مرض فرع بحر نهر عقد يد شيخ جار زوج أخ أب ابن
  هدف شوط فوز فريق لاعب طفل ولد بيت نجم شاب جندي قائد نائب وزير رئيس ملك أمير قاض حاكم مدير خبير
  مصدر رقم مركز مكتب موقع طريق سوق بنك مطار ميناء سجن برج قصر مقر فندق حي قطاع سطر حرف كتاب فيلم
  عدد سهم صوت قرار حكم نص بند مشروع جزء قطار خط حساب هاتف جهاز سلاح صاروخ لغم مسلح مقاتل
`;

/**
 * Country names ending in ا whose nisba forms drop the final letters (سوريا → سوري,
 * السوريين; أمريكا → أمريكي): the stemmer maps the nisba stem back to the country.
 */
const COUNTRIES_IN_ALEF_TEXT = `
  سوريا تركيا ليبيا روسيا بريطانيا ألمانيا إيطاليا إسبانيا أستراليا ماليزيا إندونيسيا نيجيريا كوريا
  أوكرانيا رومانيا بلغاريا صربيا كرواتيا ألبانيا جورجيا أرمينيا كولومبيا بوليفيا إثيوبيا موريتانيا
  تنزانيا كينيا زامبيا غامبيا ليتوانيا سلوفاكيا كمبوديا منغوليا إستونيا لاتفيا سلوفينيا مقدونيا
  إريتريا أفريقيا افريقيا آسيا أمريكا أميركا فرنسا كندا هولندا فنلندا أيرلندا بولندا اسكتلندا
  نيوزيلندا أوغندا رواندا أنغولا فنزويلا كوبا بنما غانا أوروبا بلجيكا النمسا السويد روما
  سويسرا
`;



/**
 * Nouns in ة that are words of their own rather than the feminine of the word without ة
 * (مكتبة "library" is not مكتب "office" + ة, شرطة "police" not شرط "condition" + ة): the
 * feminine reading, which lets an adjective or a profession meet its masculine form
 * (مهندسة, مهندس), is not given to them.
 */
const TA_NOUNS_TEXT = `
  مكتبة مدرسة منطقة مدينة محكمة مصلحة منظمة مؤسسة مجموعة مقدمة مشكلة معرفة مرتبة مركبة مسيرة
  منشأة مكانة مشروعة مصدرة موقعة مركزة مجتمعة موضوعة مطبوعة مقامة مقدرة مدرعة مظلمة معلومة
  جامعة عاصمة طائرة قائمة ظاهرة واقعة دائرة واجهة رابطة حافلة شاحنة طائفة بادرة خاتمة واسطة
  نافذة شائعة عاطفة ناقلة قاعدة جائزة عائلة فائدة قافلة صاعقة
  طريقة دقيقة وثيقة خليفة قصيدة عقيدة قبيلة كتيبة ظهيرة فضيلة شريطة سكينة قطيعة وديعة ذريعة
  جريدة حديدة حقيقة صحيفة كنيسة جزيرة وسيلة ضريبة حديقة رهينة عشيرة حصيلة جريمة
`;

/**
 * Adjectives of three letters whose feminine in ة is an inflection of them (the shapes the
 * stemmer recognises are longer: participles in م, فاعل, فعيل).
 */
const SHORT_ADJECTIVES_TEXT = `
  خاص هام تام حاد جاد ضار صعب سهل جيد حر
`;

/**
 * Spellings of one word that news sites use side by side (mostly foreign names, where
 * Egyptian and Gulf sites write ج or ك for a hard g and Levantine sites write غ). Each
 * line is one word; every other spelling is analyzed as the first.
 */
const ALIAS_GROUPS = `
  أمريكا أميركا
  أمريكي أميركي
  أمريكية أميركية
  أمريكيين أميركيين
  أمريكيون أميركيون
  مئة مائة
  هيغل هيجل
  غوانتانامو جوانتانامو
  أولاند هولاند
  كونغرس كونجرس كونكرس
  غوغل جوجل
  أنغولا أنجولا
  بنغلاديش بنجلاديش
  سنغافور سنجافور
  هونغ هونج
  كونغ كونج
  نيجيريا نيجريا
  إنجلترا إنكلترا انكلترا
  تلغرام تليغرام تلجرام
  عشرين عشرون
  ثلاثين ثلاثون
  أربعين أربعون
  خمسين خمسون
  ستين ستون
  سبعين سبعون
  ثمانين ثمانون
  تسعين تسعون
  يونيو يونيه
  سوريا سورية
  داود داوود
  أوغندا أوجندا
  هيغل هيجل
  يوليو يوليه
  مايو ماي
`;

/** Maps the folded spelling of a word to the canonical spelling of its alias group. */
function aliasPairs(): string[] {
  const m = new Map<string, string>();
  for (const line of ALIAS_GROUPS.split('\n')) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const head = words[0];
    if (!head) continue;
    for (const w of words.slice(1)) m.set(normalize(w), head);
  }
  return [...m].flat();
}

/**
 * Broken plurals of frequent news words that the dictionary's pairs miss (a plural of
 * another root, a weak letter, a root of four letters), one singular and its plurals per
 * line, as the dictionary's pairs are written.
 */
const BROKEN_PLURALS_TEXT = `
  دولة دول
  يوم أيام
  امرأة نساء
  سنة سنوات سنين
  أخ إخوة إخوان
  برنامج برامج
  خط خطوط
  شيء أشياء
  ماء مياه
  فم أفواه
  بيت بيوت
  دار دور ديار
  سيد سادة
  قائد قادة
  قاض قضاة
  داعية دعاة
  رام رماة
  جندي جنود
  صحيفة صحف
  جريدة جرائد
  فندق فنادق
  مصنع مصانع
  إنسان ناس
  شهيد شهداء
  عضو أعضاء
  ضابط ضباط
  طالب طلاب طلبة
  تاجر تجار
  نجم نجوم
  صوت أصوات
  سوق أسواق
  حي أحياء
  نبي أنبياء
  ولي أولياء
  قوة قوى
  قرية قرى
  فتاة فتيات
  صديق أصدقاء
  عدو أعداء
  طبيب أطباء
  قريب أقارب أقرباء
  ثمن أثمان
  موقع مواقع
  موقف مواقف
  وجه وجوه
  عين عيون
  ملك ملوك
  حاكم حكام
  حق حقوق
  نوع أنواع
  قاعدة قواعد
  مشكلة مشاكل
  بلد بلدان
  شاب شبان شباب
  جار جيران
  جدار جدران
  سعر أسعار
  خبر أخبار
  أمر أوامر أمور
  علم أعلام علوم
  مكان أماكن
  رأي آراء
  فكرة أفكار
  يد أيد أيدي
  شيخ شيوخ مشايخ
  أسبوع أسابيع
  نظام أنظمة
  جهاز أجهزة
  طريق طرق
  سؤال أسئلة
  صورة صور
  عام أعوام
  قرن قرون
  عقد عقود
  شعب شعوب
  حرب حروب
  جيش جيوش
  قلب قلوب
  باب أبواب
  كتاب كتب
  حزب أحزاب
  سبب أسباب
  هدف أهداف
  وقت أوقات
  مال أموال
  طرف أطراف
  شكل أشكال
  نشاط أنشطة
`;

/**
 * Pairs of the dictionary left out: the plural is, far more often in news, a singular word
 * of its own (حساب "account" beside حُسّاب "calculators", ثلاث "three" beside أثلاث), or
 * the pairing by root joined two words of one root that are not singular and plural
 * (منطق "logic" / مناطق "regions", جامعة "university" / جوامع "mosques").
 */
const EXCLUDED_PLURALS_TEXT = `
  حاسب حساب
  ثلث ثلاث
  عدد عداد
  ملك أملاك
  عالم علام
  ربيع أربعاء
  سرير أسرة
  حول أحوال
  دار أدوار
  ساق أسواق
  طال أطوال
  وقف وقوف
  بعض بعوض
  منطق مناطق
  مفتوح مفاتيح
  مقال مقاول
  مقالة مقاول
  مرتب مراتب
  مرء أمراء
  فؤاد فوائد
  سؤال سوائل
  جامعة جوامع
  عولمة عوالم
  برمجة برامج
  ناجي نجاة
  بشير بشرى
  سليم سلمى
  ياسر يسار
  وافي وفاة
  آمر أمور
  مآل أموال
  جائز جوائز
  خضير خضراء
  صفير صفراء
  رباع أربعة
  حسن حسون
  جبين جبناء
  مدرس مدارس
  مركبة مراكب
`;

/** Singular / plural pairs, folded, as `singular>plural` and `plural<singular`. */
function pluralPairs(...texts: string[]): string[] {
  const out = new Set<string>();
  const excluded = new Set(EXCLUDED_PLURALS_TEXT.split('\n').map((l) => l.trim().split(/\s+/).map((w) => normalize(w)).join('>')));
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const [singular, ...plurals] = line.trim().split(/\s+/).filter(Boolean).map((w) => normalize(w));
      if (!singular) continue;
      for (const p of plurals) {
        if (p === singular || excluded.has(`${singular}>${p}`)) continue;
        out.add(`${singular}>${p}`);
        out.add(`${p}<${singular}`);
      }
    }
  }
  return [...out];
}

/** Names of places, people and organizations: stems as they stand (see gazetteer.ts). */
/** Every list, folded with the analyzer's normalizer, keyed by name (WORD_ALIASES flattened to pairs). */
export function foldedLexicon(): Record<string, string[]> {
  const person = loadSet(PERSON_NAMES_TEXT, true);
  return {
    FUNCTION_WORDS: [...loadSet(FUNCTION_WORDS_TEXT)],
    PROTECTED: [...loadSet(PROTECTED_TEXT, true)],
    ROOT_INITIAL: [...loadSet(ROOT_INITIAL_TEXT)],
    DUAL_NOUNS: [...loadSet(DUAL_NOUNS_TEXT)],
    COUNTRIES_IN_ALEF: [...loadSet(COUNTRIES_IN_ALEF_TEXT)],
    PERSON_NAMES: [...person],
    NAMES: [...new Set([...loadSet(PLACE_NAMES, true), ...person, ...loadSet(ORGANIZATION_NAMES, true)])],
    WORD_ALIASES: aliasPairs(),
    KNOWN_WORDS: AYASPELL_WORDS.split(/\s+/).filter(Boolean).map((w) => dictionaryKey(lightNormalize(w))),
    FEMININE_BASES: AYASPELL_FEMININE.split(/\s+/).filter(Boolean).map((w) => dictionaryKey(lightNormalize(w))),
    KNOWN_VERBS: AYASPELL_VERBS.split(/\s+/).filter(Boolean).map((w) => foldLetters(lightNormalize(w))),
    BROKEN_PLURALS: pluralPairs(AYASPELL_PLURALS, BROKEN_PLURALS_TEXT),
    TA_NOUNS: [...loadSet(TA_NOUNS_TEXT, true)],
    SHORT_ADJECTIVES: [...loadSet(SHORT_ADJECTIVES_TEXT)],
  };
}
