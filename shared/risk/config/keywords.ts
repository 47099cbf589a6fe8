// Default keyword lists for prohibited and restricted goods, in several languages, so that goods
// declared under a harmless HS code are still caught by what the description says.
// Syntax (see schema.ts): whole words or phrases, folded like descriptions (case, accents,
// punctuation); a trailing * makes the last word a stem. Stems are chosen so that they do not
// swallow innocent words: "waffe*" would catch "Waffeleisen" (waffle iron), "grenade*" grenadine,
// "granat*" Granatapfel (pomegranate), "gun*" gunmetal; such words are listed in full instead.
// Han terms match anywhere (no spaces between words), so only unambiguous compounds are listed.
import type { RulesConfigInput } from './schema';

type KeywordGroupInput = RulesConfigInput['keywordGroups'][number];

export const ARMS: KeywordGroupInput = {
  ruleId: 'PROHIBITED_KEYWORD_ARMS',
  goodsClass: 'ARMS',
  label: 'arms and ammunition',
  terms: [
    // EN
    'pistol*', 'revolver*', 'rifle', 'rifles', 'gun', 'guns', 'handgun*', 'shotgun*', 'firearm*', 'carbine', 'carbines', 'airsoft gun*',
    'ammunition', 'ammo', 'cartridge*', 'bullet', 'bullets', 'gunpowder', 'glock*', 'kalashnikov*', 'ak 47', 'ar 15',
    // FR
    'fusil', 'fusils', 'arme a feu', 'armes a feu', 'carabine', 'carabines', 'munition*', 'cartouche*', 'balles de fusil',
    // DE
    'gewehr*', 'waffe', 'waffen', 'schusswaffe*', 'feuerwaffe*', 'handfeuerwaffe*',
    // ES, IT, PT
    'escopeta*', 'arma de fuego', 'armas de fuego', 'municion*', 'fucile', 'fucili', 'arma da fuoco', 'armi da fuoco', 'munizion*',
    'espingarda*', 'arma de fogo', 'armas de fogo', 'municao', 'municoes',
    // NL, PL
    'pistool', 'pistolen', 'geweer', 'geweren', 'vuurwapen*', 'munitie', 'karabin', 'karabiny', 'bron palna', 'amunicj*', 'strzelb*',
    // RU, ZH
    'пистолет*', 'револьвер*', 'винтовк*', 'ружь*', 'ружье', 'оружие', 'патроны', 'боеприпас*', '手枪', '步枪', '枪支', '猎枪', '子弹', '弹药',
  ],
  exclusions: [
    'water pistol*', 'water gun*', 'squirt gun*', 'glue gun*', 'massage gun*', 'heat gun*', 'spray gun*', 'paint gun*',
    'nail gun*', 'staple gun*', 'grease gun*', 'caulking gun*', 'caulk gun*', 'soldering gun*', 'bubble gun*', 'nerf gun*',
    'tattoo gun*', 'gun metal*', 'glue pistol*', 'pistolet a colle', 'pistolet de massage', 'pistolet a eau', 'pistola de agua', 'pistola d acqua',
    'heissklebepistole*', 'wasserpistole*', 'massagepistole*', 'pistola de silicona', 'pistolet do kleju',
    'ink cartridge*', 'toner cartridge*', 'printer cartridge*', 'filter cartridge*', 'water filter*', 'razor cartridge*',
    'vape cartridge*', 'pod cartridge*', 'coffee cartridge*', 'cartridge for printer*', 'cartridges for printer*', 'game cartridge*',
    'faucet cartridge*', 'cartouche d encre', 'cartouches d encre', 'cartouche de toner', 'cartouche filtrante', 'cartouche jet d encre',
    'bullet journal*', 'bullet point*', 'bullet blender*', 'bullet vibrator*',
  ],
};

export const EXPLOSIVES: KeywordGroupInput = {
  ruleId: 'PROHIBITED_KEYWORD_EXPLOSIVES',
  goodsClass: 'EXPLOSIVES',
  label: 'explosives and fireworks',
  terms: [
    'explosive*', 'dynamite', 'tnt', 'detonator*', 'firework*', 'firecracker*', 'grenade', 'grenades', 'pyrotechnic*', 'blasting cap*',
    'explosif*', 'feu d artifice', 'feux d artifice', 'petard*', 'detonateur*',
    'sprengstoff*', 'feuerwerk*', 'boller', 'handgranate*',
    'explosivo*', 'fuegos artificiales', 'pirotecni*', 'esplosiv*', 'fuochi d artificio', 'fogos de artificio', 'dinamite',
    'vuurwerk', 'explosieven', 'fajerwerk*', 'petardy', 'materialy wybuchowe',
    'взрывчат*', 'фейерверк*', 'пиротехни*', 'динамит', 'граната', '烟花', '爆竹', '鞭炮', '炸药', '雷管',
  ],
  exclusions: ['explosive growth', 'firework projector*', 'firework light*', 'fireworks light*', 'firework lamp*', 'firework print*', 'firework pattern*'],
};

export const DRUGS: KeywordGroupInput = {
  ruleId: 'PROHIBITED_KEYWORD_DRUGS',
  goodsClass: 'DRUGS',
  label: 'narcotics',
  terms: [
    'cocaine', 'kokain', 'cocaina', 'crack cocaine', 'heroin', 'heroina', 'eroina', 'fentanyl*', 'fentanil*', 'carfentanil*',
    'methamphetamin*', 'metanfetamin*', 'metamfetamin*', 'crystal meth', 'meth', 'mdma', 'ecstasy pills', 'lsd', 'opium', 'crystal mdma',
    'кокаин*', 'героин*', 'метамфетамин*', 'фентанил*', '可卡因', '海洛因', '冰毒', '芬太尼', '甲基苯丙胺',
  ],
  exclusions: [],
};

export const CANNABIS: KeywordGroupInput = {
  ruleId: 'RESTRICTED_KEYWORD_CANNABIS',
  goodsClass: 'CANNABIS',
  label: 'cannabis',
  terms: ['cannabis', 'marijuana', 'marihuana', 'hashish', 'haschisch', 'hachich', 'thc', 'weed buds', 'каннабис', 'марихуан*', '大麻'],
  exclusions: [],
};

export const MEDICINES: KeywordGroupInput = {
  ruleId: 'RESTRICTED_KEYWORD_MEDICINES',
  goodsClass: 'MEDICINES',
  label: 'medicines',
  terms: [
    'medicine', 'medicines', 'medication*', 'prescription drug*', 'antibiotic*', 'sildenafil', 'viagra', 'tadalafil', 'tramadol', 'oxycodone',
    'codeine', 'steroid*', 'anabolic*', 'medicament*', 'medikament*', 'arzneimittel*', 'medicamento*', 'medicinal*', 'geneesmiddel*', 'leki',
    'лекарств*', '药品', '处方药',
  ],
  exclusions: ['medicine cabinet*', 'medicine box*', 'medicine ball*', 'pill box*', 'pill organi*'],
};

export const TOBACCO: KeywordGroupInput = {
  ruleId: 'RESTRICTED_KEYWORD_TOBACCO',
  goodsClass: 'TOBACCO',
  label: 'tobacco',
  terms: [
    'cigarette', 'cigarettes', 'cigar', 'cigars', 'cigarillo*', 'tobacco', 'snus', 'shisha tobacco', 'hookah tobacco',
    'tabac', 'tabak', 'zigarette*', 'zigarre*', 'tabaco', 'cigarrillo*', 'sigarett*', 'tabacco', 'sigaret*', 'papieros*', 'tyton',
    'сигарет*', 'табак*', '香烟', '烟草', '卷烟',
  ],
  exclusions: ['cigarette lighter*', 'cigarette case*', 'cigar box*', 'cigar cutter*', 'cigarette holder*', 'tobacco pipe*'],
};

export const BATTERIES: KeywordGroupInput = {
  ruleId: 'RESTRICTED_KEYWORD_BATTERIES',
  goodsClass: 'BATTERIES',
  label: 'lithium batteries',
  terms: ['lithium batter*', 'lithium ion', 'li ion', 'lipo batter*', 'power bank*', 'powerbank*', 'lithium cell*', 'batterie au lithium', 'lithium akku*', 'akku', 'accu lithium', '锂电池', '充电宝', '移动电源'],
  exclusions: [],
};

export const DEFAULT_KEYWORD_GROUPS: KeywordGroupInput[] = [ARMS, EXPLOSIVES, DRUGS, CANNABIS, MEDICINES, TOBACCO, BATTERIES];
