// Guesses the legacy encoding of bytes that are not UTF-8: each candidate decoder that accepts the bytes
// is scored by how much its text looks like the language the encoding is used for.

/** The most frequent characters of running text in each script: in real text they make up a large share
 * of the non-ASCII characters; in bytes decoded with the wrong table they are rare. */
const COMMON_SIMPLIFIED = '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟奖积怒惜';
// Traditional forms of the characters above that differ, so Big5 text scores as well as GBK text.
const COMMON_TRADITIONAL = '這個們來為國對會說時要過發後裡學現當沒動麼經還進樣實與長機從點業將兩問無頭體種開義電關變專東軍與聽說話見書認邊區電車門條報總傳間應業權將萬';
const COMMON_HANGUL = '이다는의에고하을가서한지로기도사대리있자를은수부인시정나어것국들아전일라해게여적그중우보면주상성조제원요방생만던동내장비때';

const commonChinese = new Set([...COMMON_SIMPLIFIED, ...COMMON_TRADITIONAL]);
const commonHangul = new Set(COMMON_HANGUL);

const isKana = (c: number) => (c >= 0x3041 && c <= 0x30ff) || c === 0x3001 || c === 0x3002;

/** Share (0..1) of the non-ASCII characters of `text` for which `good` holds. */
function share(text: string, good: (char: string, code: number, index: number) => boolean): number {
  let total = 0;
  let hits = 0;
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x80) {
      total++;
      if (good(char, code, index)) hits++;
    }
    index += char.length;
  }
  return total === 0 ? 0 : hits / total;
}

interface Candidate {
  encoding: string;
  /** How much the decoded text looks like text of the encoding's language, 0..1. */
  score: (text: string) => number;
}

// Japanese is written with kana between the kanji; common kanji (the Chinese list) count too.
const japanese = (text: string) =>
  share(text, (char, code) => isKana(code) || commonChinese.has(char) || code === 0x30fc);
const chinese = (text: string) => share(text, (char, code) => commonChinese.has(char) || code === 0x3001 || code === 0x3002 || code === 0xff0c);
const korean = (text: string) => share(text, (char) => commonHangul.has(char));
// Russian words are wholly Cyrillic, in lower case or capitalised. A Western page read as windows-1251
// turns its accented letters into Cyrillic ones inside Latin words ("Größe" → "Grцяe"); Korean read as
// windows-1251 gives words that mix case and symbols ("АМ°НАє").
const RUSSIAN_WORD = /^(?:[А-ЯЁ]?[а-яё]+|[А-ЯЁ]{2,})$/;

function cyrillic(text: string): number {
  let total = 0;
  let hits = 0;
  for (const word of text.match(/[^\s\p{P}\p{S}\d]+/gu) ?? []) {
    const nonAscii = word.match(/[^\u0000-\u007f]/g)?.length ?? 0;
    total += nonAscii;
    if (RUSSIAN_WORD.test(word)) hits += nonAscii;
  }
  return total === 0 ? 0 : hits / total;
}

const CANDIDATES: Candidate[] = [
  { encoding: 'shift_jis', score: japanese },
  { encoding: 'euc-jp', score: japanese },
  { encoding: 'gbk', score: chinese },
  { encoding: 'big5', score: chinese },
  { encoding: 'euc-kr', score: korean },
  { encoding: 'windows-1251', score: cyrillic },
];

/** Below this share the text is taken for windows-1252, the usual encoding of undeclared Western pages.
 * Text in the right encoding scores 0.75–1 on ordinary prose; in a wrong one, under 0.3. */
export const MIN_SCORE = 0.4;
const SAMPLE_BYTES = 64 * 1024;

function decodesCleanly(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export interface EncodingScore {
  encoding: string;
  score: number;
}

/** The CJK and Cyrillic encodings that decode these bytes without error, each with how much its text
 * looks like text of its language, best first. */
export function rankLegacyEncodings(bytes: Uint8Array): EncodingScore[] {
  // A cut in the middle of a multi-byte character would make a decoder fail: trim the sample at a newline.
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  if (bytes.length > SAMPLE_BYTES) {
    const newline = sample.lastIndexOf(0x0a);
    if (newline > 0) sample = sample.subarray(0, newline + 1);
  }
  const ranked: EncodingScore[] = [];
  for (const candidate of CANDIDATES) {
    const text = decodesCleanly(sample, candidate.encoding);
    if (text !== null) ranked.push({ encoding: candidate.encoding, score: candidate.score(text) });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

/** The legacy encoding these bytes (known not to be valid UTF-8) are most likely in: one of the CJK and
 * Cyrillic encodings whose text they read as, else windows-1252. */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  const best = rankLegacyEncodings(bytes)[0];
  return best && best.score >= MIN_SCORE ? best.encoding : 'windows-1252';
}
