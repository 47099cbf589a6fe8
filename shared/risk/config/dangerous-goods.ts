// Dangerous goods in the post, as data: what may not fly, what may fly with conditions, and the texts that say so.
// Posts screen for these before loading because an aircraft is at stake. The rule (../rules/dangerous-goods.ts)
// reads only this table; a region overrides it like any other part of the rules config.
//
// Terms follow the keyword syntax (./schema.ts): folded whole words or phrases, a trailing * for a stem; Han
// terms match anywhere. Languages: EN, FR, DE, ES, IT, PT and ZH, the languages filers use on this network.
// Stems are chosen not to swallow innocent words ("lighter" alone, not "light*"; "magnet" only as a strong
// or neodymium magnet); the look-alikes are in test/fixtures/dangerous-goods-corpus.ts with their labels.
// Figures and readings are this project's application of the sources, not legal advice: each post applies
// its own version of the texts and its airlines' variations.
import type { RulesConfigInput } from './schema';

type DangerousGoodsInput = RulesConfigInput['dangerousGoods'];

export const DG_SOURCES: DangerousGoodsInput['sources'] = {
  UPU_CONVENTION_ART19: {
    cite: 'UPU Convention art. 19',
    title: 'UPU Convention, article 19 (items not accepted; prohibitions)',
    reference: 'Universal Postal Convention, art. 19: dangerous goods may not be inserted in postal items, except those the Letter Post and Parcel Post Regulations admit',
  },
  UPU_LETTER_POST_REGULATIONS: {
    cite: 'UPU Letter Post Regulations',
    title: 'UPU Letter Post Regulations (prohibitions; dangerous goods admitted in letter post)',
    reference: 'Letter Post Regulations, the articles implementing Convention art. 19: lithium batteries installed in equipment, UN 3373 biological substances and radioactive material in excepted packages only, under the conditions set',
  },
  UPU_PARCEL_POST_REGULATIONS: {
    cite: 'UPU Parcel Post Regulations',
    title: 'UPU Parcel Post Regulations (prohibitions; dangerous goods admitted in parcels)',
    reference: 'Parcel Post Regulations, the articles implementing Convention art. 19 for parcels, with the same admitted dangerous goods',
  },
  UPU_PROHIBITED_ARTICLES: {
    cite: 'UPU list of prohibited articles',
    title: "UPU List of prohibited articles (each destination's own prohibitions and restrictions)",
    reference: 'Compiled by the UPU International Bureau from what each designated operator notifies under Convention art. 19',
  },
  ICAO_TI_MAIL: {
    cite: 'ICAO TI Part 1 2.3 (mail)',
    title: 'ICAO Technical Instructions (Doc 9284), Part 1, 2.3: dangerous goods in mail',
    reference: 'Only the dangerous goods listed there may be carried in air mail; everything else classified as dangerous goods is forbidden in mail by air',
  },
  ICAO_TI_PI965_970: {
    cite: 'ICAO TI PI 965-970 Section II',
    title: 'ICAO Technical Instructions, packing instructions 965–970, Section II (lithium cells and batteries)',
    reference: 'PI 965/968 (cells and batteries on their own) and PI 966/969 (packed with equipment) are not admitted in mail; PI 967/970 Section II (contained in equipment) are, with no more than 4 cells or 2 batteries per item, cells up to 20 Wh (1 g lithium), batteries up to 100 Wh (2 g lithium)',
  },
  IATA_DGR_2_4: {
    cite: 'IATA DGR 2.4',
    title: 'IATA Dangerous Goods Regulations, 2.4 (dangerous goods in air mail)',
    reference: 'IATA DGR 2.4 lists what air mail may carry: UN 3373 biological substances, solid carbon dioxide as a refrigerant, radioactive material in excepted packages, lithium batteries contained in equipment (PI 967 / 970 Section II); all other dangerous goods are forbidden in mail',
  },
};

const AIR_MAIL = ['UPU_CONVENTION_ART19', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_MAIL', 'IATA_DGR_2_4'];

export const DG_RULES: DangerousGoodsInput['rules'] = {
  DG_LITHIUM_BATTERY_LOOSE: {
    item: 'lithium cells or batteries not installed in equipment',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'lithium cells and batteries on their own (PI 965 / 968) are not admitted in air mail: a short circuit or a damaged cell can start a fire no crew can fight in the hold',
    condition: 'accepted only if the post carries lithium batteries on its surface network, packed against short circuits',
    sources: ['UPU_CONVENTION_ART19', 'UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_PI965_970', 'IATA_DGR_2_4'],
  },
  DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT: {
    item: 'lithium battery packed beside its equipment',
    air: 'HOLD',
    surface: 'HOLD',
    why: 'a battery packed with (not in) the equipment (PI 966 / 969) is not admitted in mail; only batteries installed in the equipment are',
    condition: 'accepted only once the battery is installed in the equipment; else taken out of the mail',
    sources: ['UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_PI965_970', 'IATA_DGR_2_4'],
  },
  DG_LITHIUM_BATTERY_DAMAGED: {
    item: 'damaged or defective lithium battery',
    air: 'HOLD',
    surface: 'HOLD',
    why: 'damaged, defective or recalled lithium batteries may overheat or ignite and are forbidden in transport',
    condition: 'inspect it: a damaged battery is taken out of the mail',
    sources: ['UPU_CONVENTION_ART19', 'ICAO_TI_PI965_970', 'IATA_DGR_2_4'],
  },
  DG_LITHIUM_BATTERY_OVER_LIMIT: {
    item: 'lithium batteries in equipment beyond the mail limits',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'air mail admits lithium batteries installed in equipment only within PI 967 / 970 Section II: no more than 4 cells or 2 batteries per item, 20 Wh (1 g lithium) per cell, 100 Wh (2 g lithium) per battery',
    condition: 'accepted only if the post carries such batteries on its surface network',
    sources: ['UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_PI965_970', 'IATA_DGR_2_4'],
  },
  DG_LITHIUM_BATTERY_IN_EQUIPMENT: {
    item: 'lithium battery installed in equipment',
    air: 'ACCEPT',
    surface: 'ACCEPT',
    why: 'lithium batteries installed in equipment are admitted in mail (PI 967 / 970 Section II)',
    condition: 'no more than 4 cells or 2 batteries per item, 20 Wh (1 g lithium) per cell, 100 Wh (2 g lithium) per battery, the equipment protected against accidental activation',
    sources: ['UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_PI965_970', 'IATA_DGR_2_4'],
  },
  DG_FLAMMABLE_LIQUID: {
    item: 'flammable liquid',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'flammable liquids (class 3: perfumes, nail polish and removers, fuels, solvents, alcohol above 70 % vol) are not among the dangerous goods admitted in air mail',
    condition: 'accepted only if the post carries them on its surface network, in small sealed inner containers',
    sources: AIR_MAIL,
  },
  DG_FLAMMABLE_GAS: {
    item: 'gas or aerosol',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'gases (class 2: aerosols, lighters and lighter gas, gas cartridges) are not among the dangerous goods admitted in air mail',
    condition: 'accepted only if the post carries them on its surface network',
    sources: AIR_MAIL,
  },
  DG_FLAMMABLE_SOLID: {
    item: 'matches or flammable solid',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'matches and fire lighters (class 4.1) are not among the dangerous goods admitted in air mail',
    condition: 'accepted only if the post carries them on its surface network',
    sources: AIR_MAIL,
  },
  DG_E_CIGARETTE: {
    item: 'electronic cigarette or nicotine product',
    air: 'HOLD',
    surface: 'HOLD',
    why: 'a lithium battery plus a product many destinations restrict or prohibit in the post (e-liquids, nicotine)',
    condition: "accepted only where the destination admits it (UPU list of prohibited articles), the battery installed and within PI 967 Section II",
    sources: ['UPU_PROHIBITED_ARTICLES', 'UPU_CONVENTION_ART19', 'ICAO_TI_PI965_970'],
  },
  DG_MAGNETIZED_MATERIAL: {
    item: 'strong magnets (magnetized material)',
    air: 'HOLD',
    surface: 'ACCEPT',
    why: 'magnetized material (class 9) strong enough to deflect aircraft instruments is not admitted in air mail',
    condition: 'accepted by air only once measured below the magnetic field limit (IATA PI 953); by surface no air limit applies',
    sources: AIR_MAIL,
  },
  DG_DRY_ICE: {
    item: 'dry ice (solid carbon dioxide)',
    air: 'HOLD',
    surface: 'ACCEPT',
    why: 'dry ice is admitted in air mail only as a refrigerant for goods that are not dangerous, in limited quantity and in packaging that lets the gas out',
    condition: 'accepted up to the quantity the post allows (IATA PI 954), the package marked and vented',
    sources: ['ICAO_TI_MAIL', 'IATA_DGR_2_4'],
  },
  DG_MERCURY: {
    item: 'mercury or a mercury instrument',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'mercury (class 8) corrodes aluminium airframes and is not among the dangerous goods admitted in air mail',
    condition: 'accepted only if the post carries it on its surface network',
    sources: AIR_MAIL,
  },
  DG_CORROSIVE: {
    item: 'corrosive (acid, alkali, wet battery)',
    air: 'FORBIDDEN',
    surface: 'HOLD',
    why: 'corrosives (class 8: lead-acid batteries, acids, caustic alkalis) are not among the dangerous goods admitted in air mail',
    condition: 'accepted only if the post carries them on its surface network',
    sources: AIR_MAIL,
  },
  DG_INFECTIOUS: {
    item: 'infectious or biological substance',
    air: 'HOLD',
    surface: 'HOLD',
    why: 'only UN 3373 biological substances, category B, are admitted in mail, in triple packaging and between operators that agreed to carry them; category A is forbidden',
    condition: 'accepted only as UN 3373 category B in triple packaging (PI 650), the sender and the post having agreed',
    sources: ['UPU_CONVENTION_ART19', 'UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_MAIL', 'IATA_DGR_2_4'],
  },
  DG_RADIOACTIVE: {
    item: 'radioactive material',
    air: 'HOLD',
    surface: 'HOLD',
    why: 'radioactive material is admitted in mail only in excepted packages, with the prior approval of the designated operator',
    condition: 'accepted only in an excepted package within the activity limits, the post having approved the sender',
    sources: ['UPU_CONVENTION_ART19', 'UPU_LETTER_POST_REGULATIONS', 'UPU_PARCEL_POST_REGULATIONS', 'ICAO_TI_MAIL', 'IATA_DGR_2_4'],
  },
};

/** Alcohol words: spirits (HS 2208) are flammable liquids when stronger than 70 % vol. */
const SPIRITS = [
  'alcohol', 'spirit', 'spirits', 'vodka', 'rum', 'absinth*', 'whisky', 'whiskey', 'gin', 'brandy', 'moonshine', 'overproof*', 'liqueur',
  'alcool', 'eau de vie', 'alkohol', 'schnaps', 'branntwein', 'strohrum', 'aguardiente', 'licor', 'grappa', 'aguardente', 'cachaca', 'baijiu',
  '白酒', '烈酒', '伏特加', '二锅头',
];

export const DG_GOODS: DangerousGoodsInput['goods'] = [
  {
    ruleId: 'DG_FLAMMABLE_LIQUID',
    item: 'perfume or cologne',
    hsPrefixes: ['3303'],
    terms: [
      'perfume', 'perfumes', 'eau de parfum', 'eau de toilette', 'eau de cologne', 'cologne', 'colognes', 'edp', 'edt', 'fragrance spray', 'body mist',
      'parfum', 'parfums', 'extrait de parfum', 'duftwasser', 'perfume', 'perfumes', 'colonia', 'agua de colonia', 'profumo', 'profumi',
      'acqua di colonia', 'perfume', 'colonia', 'perfumaria liquida', '香水', '古龙水', '淡香水', '淡香精',
    ],
    exclusions: [
      'perfume bottle*', 'empty perfume*', 'perfume atomi*', 'perfume case*', 'perfume tray*', 'perfume box*', 'perfume sampler box', 'solid perfume*',
      'perfume free', 'fragrance free', 'flacon vide', 'flacon de parfum vide', 'flacons vides', 'parfumflakon*', 'leerer flakon', 'frasco vacio',
      'frasco de perfume vacio', 'boccetta vuota', 'flacone vuoto', 'frasco vazio', '香水瓶', '空瓶', 'cologne cathedral', 'koln',
    ],
  },
  {
    ruleId: 'DG_FLAMMABLE_LIQUID',
    item: 'nail polish or remover',
    hsPrefixes: ['330430'],
    terms: [
      'nail polish*', 'nail varnish*', 'nail lacquer*', 'gel polish*', 'nail polish remover', 'acetone',
      'vernis a ongles', 'dissolvant', 'nagellack*', 'nagellackentferner', 'esmalte de unas', 'esmalte para unas', 'quitaesmalte*', 'esmaltes de unas',
      'smalto per unghie', 'smalti per unghie', 'solvente per unghie', 'acetona', 'esmalte de unhas', 'verniz de unhas', 'removedor de esmalte',
      '指甲油', '洗甲水', '卸甲水',
    ],
    exclusions: ['nail polish rack*', 'nail polish holder*', 'nail polish organi*', 'nail polish display*', 'nail polish stand*', 'acetone free', 'sans acetone', 'acetonfrei', 'sin acetona', '指甲油架'],
  },
  {
    ruleId: 'DG_FLAMMABLE_LIQUID',
    item: 'fuel, solvent or flammable alcohol',
    hsPrefixes: ['2207', '271012', '3814', '360610'],
    terms: [
      'petrol', 'gasoline', 'kerosene', 'lighter fluid', 'lighter fuel', 'zippo fluid', 'paint thinner*', 'turpentine', 'white spirit', 'methylated spirit*',
      'lamp oil', 'camping fuel', 'fuel can*', 'ethanol', 'isopropyl alcohol', 'isopropanol', 'rubbing alcohol', 'pure alcohol', 'rectified spirit*',
      'grain alcohol', 'everclear', 'hand sanitizer*', 'hand sanitiser*', 'alcohol gel', 'bioethanol',
      'essence sans plomb', 'kerosene', 'essence de terebenthine', 'alcool a bruler', 'alcool pur', 'alcool isopropylique', 'diluant', 'gel hydroalcoolique',
      'benzin', 'feuerzeugbenzin', 'brennspiritus', 'reinalkohol', 'terpentin*', 'verdunner', 'lampenol', 'desinfektionsgel',
      'gasolina', 'queroseno', 'alcohol puro', 'alcohol isopropilico', 'alcohol de quemar', 'aguarras', 'disolvente', 'gel hidroalcoholico',
      'benzina', 'cherosene', 'alcol puro', 'alcool etilico', 'acquaragia', 'diluente', 'gel igienizzante', 'gasolina', 'querosene', 'alcool etilico', 'alcool gel',
      '汽油', '煤油', '打火机油', '酒精', '稀释剂', '天那水', '松节油', '洗手液凝胶',
    ],
    exclusions: [
      'alcohol free', 'alcohol-free', 'sans alcool', 'alkoholfrei', 'sin alcohol', 'senza alcol', 'sem alcool', '无酒精', '不含酒精',
      'fuel can holder*', 'petrol station*', 'gasoline station*', 'fuel filter*', 'fuel pump*', 'fuel tank cap*', 'benzinpumpe*', 'fuel line*', 'fuel gauge*',
      'benzine free', 'diluant free',
    ],
  },
  {
    ruleId: 'DG_FLAMMABLE_LIQUID',
    item: 'spirits above 70 % vol',
    hsPrefixes: ['2208'],
    terms: SPIRITS,
    exclusions: ['alcohol free', 'sans alcool', 'alkoholfrei', 'sin alcohol', 'senza alcol', 'sem alcool', 'spirit level*', 'team spirit', 'spirit animal*', 'rum cake*', 'rum ball*'],
    abvAbovePercent: 70,
  },
  {
    ruleId: 'DG_FLAMMABLE_GAS',
    item: 'aerosol',
    terms: [
      'aerosol*', 'spray can*', 'spray paint*', 'deodorant spray*', 'spray deodorant*', 'deo spray*', 'body spray*', 'hair spray*', 'hairspray*', 'dry shampoo spray*',
      'shaving foam', 'pepper spray*', 'compressed air duster*', 'air duster*', 'spray adhesive*', 'spray glue', 'lubricant spray*', 'wd 40', 'insect spray*',
      'bombe aerosol', 'bombe de peinture', 'peinture en bombe', 'deodorant en spray', 'laque pour cheveux', 'laque cheveux', 'mousse a raser', 'bombe lacrymogene',
      'spraydose*', 'spruhdose*', 'sprühdose', 'haarspray*', 'deospray*', 'spruhfarbe*', 'lackspray*', 'rasierschaum', 'pfefferspray*', 'druckluftspray*', 'druckluft spray*',
      'aerosoles', 'pintura en spray', 'pintura en aerosol', 'desodorante en spray', 'laca para el pelo', 'espuma de afeitar', 'spray de pimienta',
      'bomboletta spray', 'bombolette spray', 'vernice spray', 'deodorante spray', 'lacca per capelli', 'schiuma da barba', 'spray al peperoncino',
      'tinta spray', 'desodorante spray', 'laca de cabelo', 'espuma de barbear', 'spray de pimenta',
      '喷雾罐', '喷漆', '发胶', '摩丝', '气雾剂', '喷雾剂', '防狼喷雾',
    ],
    exclusions: ['aerosol cap*', 'aerosol lid*', 'spray can cap*', 'spray can holder*', 'aerosol free', 'non aerosol', 'hair spray bottle*', 'empty spray can*'],
  },
  {
    ruleId: 'DG_FLAMMABLE_GAS',
    item: 'lighter or lighter gas',
    hsPrefixes: ['9613', '271112', '271113'],
    terms: [
      'lighter', 'lighters', 'cigarette lighter*', 'gas lighter*', 'jet lighter*', 'torch lighter*', 'butane', 'butane gas', 'lighter gas', 'lighter refill*', 'propane',
      'camping gas', 'gas cartridge*', 'gas canister*', 'zippo', 'zippo lighter*', 'arc lighter*', 'plasma lighter*', 'electric lighter*',
      'briquet', 'briquets', 'gaz butane', 'recharge de gaz', 'cartouche de gaz', 'feuerzeug*', 'stabfeuerzeug*', 'feuerzeuggas', 'gaskartusche*', 'butangas',
      'mechero', 'mecheros', 'encendedor', 'encendedores', 'gas butano', 'cartucho de gas', 'accendino', 'accendini', 'gas butano', 'bomboletta di gas', 'cartuccia di gas',
      'isqueiro', 'isqueiros', 'gas butano', 'cartucho de gas', '打火机', '丁烷', '丁烷气', '气罐', '防风打火机',
    ],
    exclusions: [
      'lighter colou*', 'lighter color*', 'lighter shade*', 'lighter tone*', 'lighter weight*', 'lighter than', 'lighter version*', 'lighter blue', 'lighter grey', 'lighter gray',
      'lighter green', 'lighter pink', 'lighter brown', 'lighter wash', 'lighter fabric*', 'lighter material*', 'lighter frame*',
      'cigarette lighter adapter*', 'cigarette lighter socket*', 'cigarette lighter charger*', 'cigarette lighter plug*', 'cigarette lighter usb*', 'lighter socket*',
      'lighter adapter*', 'lighter plug*', 'lighter charger*', 'lighter case*', 'lighter sleeve*', 'lighter holder*', 'lighter leash*', 'zippo insert*', 'lighter insert*',
      'feuerzeug hulle*', 'etui a briquet', 'empty gas cartridge*', 'gas cartridge holder*', 'cigarette lighter car charger*',
    ],
  },
  {
    ruleId: 'DG_FLAMMABLE_SOLID',
    item: 'matches or fire lighters',
    hsPrefixes: ['3605'],
    terms: [
      'matches', 'safety matches', 'match box', 'matchbox', 'matchboxes', 'box of matches', 'strike anywhere match*', 'storm matches', 'windproof matches', 'firelighter*',
      'fire lighter*', 'fire starter cubes', 'allumette*', 'streichholz*', 'streichholzer', 'zundholz*', 'kaminanzunder*', 'grillanzunder*', 'cerilla*', 'fosforo*',
      'fiammifer*', 'accendifuoco', '火柴', '点火块', '引火块',
    ],
    exclusions: ['matchbox car*', 'matchbox toy*', 'matchbox cars', 'matchbox model*', 'matchbox label*', 'matches the', 'matches your', 'matches with', 'matches all', 'football matches', 'tennis matches', 'matches tickets'],
  },
  {
    ruleId: 'DG_E_CIGARETTE',
    item: 'electronic cigarette or vaping device',
    claims: ['BATTERIES', 'TOBACCO'],
    hsPrefixes: ['854340', '2404'],
    terms: [
      'e cigarette*', 'ecigarette*', 'e cig', 'e cigs', 'ecig', 'ecigs', 'electronic cigarette*', 'vape', 'vapes', 'vape pen*', 'vape kit*', 'vape pod*', 'vaping',
      'disposable vape*', 'e liquid*', 'eliquid*', 'vape juice', 'vape liquid*', 'nicotine salt*', 'nic salt*', 'pod kit*', 'heated tobacco', 'heat not burn', 'iqos',
      'tobacco heating', 'nicotine pouch*', 'nicotine liquid*',
      'cigarette electronique', 'cigarettes electroniques', 'cigarette electronic', 'vapoteuse*', 'liquide pour cigarette electronique', 'e liquide*',
      'e zigarette*', 'ezigarette*', 'elektronische zigarette*', 'einweg vape*', 'dampfer liquid*', 'liquid fur e zigarette*', 'tabakerhitzer*',
      'cigarrillo electronico', 'cigarrillos electronicos', 'cigarro electronico', 'vapeador*', 'sigaretta elettronica', 'sigarette elettroniche', 'svapo', 'liquido per sigaretta*',
      'cigarro eletronico', 'cigarros eletronicos', 'cigarro electronico', 'vaper', 'pod descartavel',
      '电子烟', '一次性电子烟', '烟油', '雾化器', '加热不燃烧',
    ],
    exclusions: ['vape case*', 'vape stand*', 'vape sticker*', 'vape shirt*', 'vape t shirt*', 'anti vaping', 'vape mail'],
  },
  {
    ruleId: 'DG_MAGNETIZED_MATERIAL',
    item: 'strong magnets',
    hsPrefixes: ['850511'],
    terms: [
      'neodymium', 'neodymium magnet*', 'ndfeb', 'ndfeb magnet*', 'rare earth magnet*', 'strong magnet*', 'super magnet*', 'supermagnet*', 'magnet set*', 'fishing magnet*',
      'magnetron', 'magnetrons', 'aimant neodyme', 'aimants neodyme', 'aimant puissant', 'aimants puissants', 'aimant de peche', 'neodym*', 'magnetangeln', 'starke magnete',
      'iman de neodimio', 'imanes de neodimio', 'iman potente', 'imanes potentes', 'magnete al neodimio', 'magneti al neodimio', 'magneti potenti', 'calamita*',
      'ima de neodimio', 'imas de neodimio', 'ima forte', '钕磁铁', '强磁铁', '强力磁铁', '钕铁硼',
    ],
    exclusions: ['fridge magnet*', 'refrigerator magnet*', 'magnet board*', 'magnetic board*', 'aimant frigo', 'aimants frigo', 'kuhlschrankmagnet*', 'iman de nevera', 'imanes de nevera', 'calamita da frigo', 'calamite da frigo', '冰箱贴'],
  },
  {
    ruleId: 'DG_DRY_ICE',
    item: 'dry ice',
    terms: ['dry ice', 'solid co2', 'solid carbon dioxide', 'carbon dioxide solid', 'un1845', 'un 1845', 'glace carbonique', 'neige carbonique', 'trockeneis', 'hielo seco', 'ghiaccio secco', 'gelo seco', '干冰'],
    exclusions: ['dry ice machine*', 'dry ice maker*', 'dry ice effect*', 'dry ice fog*', 'dry ice blast* machine*', 'trockeneis maschine*', 'trockeneismaschine*', '干冰机'],
  },
  {
    ruleId: 'DG_MERCURY',
    item: 'mercury or a mercury instrument',
    hsPrefixes: ['280540'],
    terms: [
      'mercury', 'mercury thermometer*', 'mercury barometer*', 'mercury sphygmomanometer*', 'quicksilver', 'quecksilber*', 'mercure', 'thermometre a mercure', 'barometre a mercure',
      'mercurio', 'termometro de mercurio', 'termometro a mercurio', 'termometro di mercurio', 'termometro de mercurio', 'hg thermometer*', '水银', '汞', '水银温度计', '体温计 水银',
    ],
    exclusions: [
      'mercury free', 'sans mercure', 'quecksilberfrei*', 'ohne quecksilber', 'sin mercurio', 'senza mercurio', 'sem mercurio', '无汞', '无水银', 'freddie mercury', 'mercury glass*',
      'mercury retrograde', 'planet mercury', 'mercury outboard*', 'mercury marine', 'mercury prize', 'mercury records', 'mercury dime*',
    ],
  },
  {
    ruleId: 'DG_CORROSIVE',
    item: 'wet battery with acid',
    claims: ['BATTERIES'],
    hsPrefixes: ['850710', '850720'],
    terms: [
      'lead acid batter*', 'lead acid accumulator*', 'wet cell batter*', 'car batter*', 'motorcycle batter*', 'agm batter*', 'gel batter*', 'starter batter*', 'battery acid',
      'batterie au plomb', 'batterie plomb', 'batterie de voiture', 'batterie moto', 'bleiakku*', 'bleibatterie*', 'autobatterie*', 'starterbatterie*', 'motorradbatterie*',
      'bateria de plomo', 'bateria de coche', 'bateria de moto', 'batteria al piombo', 'batteria auto', 'batteria per auto', 'batteria moto', 'bateria de chumbo', 'bateria de carro',
      '铅酸电池', '蓄电池', '汽车电瓶', '电瓶',
    ],
    exclusions: ['car battery charger*', 'car battery tester*', 'car battery jump*', 'battery acid tester*', 'car battery terminal*', 'car battery clamp*', 'chargeur de batterie', 'autobatterie ladegerat*', 'cargador de bateria', 'caricabatterie'],
  },
  {
    ruleId: 'DG_CORROSIVE',
    item: 'acid or caustic alkali',
    terms: [
      'sulfuric acid', 'sulphuric acid', 'hydrochloric acid', 'muriatic acid', 'nitric acid', 'hydrofluoric acid', 'phosphoric acid', 'drain cleaner', 'caustic soda', 'sodium hydroxide',
      'potassium hydroxide', 'lye', 'acide sulfurique', 'acide chlorhydrique', 'acide nitrique', 'soude caustique', 'deboucheur', 'schwefelsaure', 'salzsaure', 'salpetersaure',
      'natronlauge', 'atznatron', 'abflussreiniger', 'rohrreiniger', 'acido sulfurico', 'acido clorhidrico', 'acido nitrico', 'sosa caustica', 'soda caustica', 'desatascador',
      'acido solforico', 'acido cloridrico', 'acido nitrico', 'soda caustica', 'acido muriatico', 'acido sulfurico', 'soda caustica', 'desentupidor',
      '硫酸', '盐酸', '硝酸', '氢氧化钠', '烧碱', '管道疏通剂',
    ],
    exclusions: ['hyaluronic acid', 'salicylic acid', 'glycolic acid', 'citric acid', 'folic acid', 'lye soap*', 'acide hyaluronique', 'hyaluronsaure', 'acido hialuronico', 'acido ialuronico'],
  },
  {
    ruleId: 'DG_INFECTIOUS',
    item: 'infectious or biological substance',
    terms: [
      'infectious substance*', 'infectious material*', 'biological substance*', 'category b', 'un3373', 'un 3373', 'un2814', 'un 2814', 'un2900', 'un 2900', 'pathogen', 'pathogens',
      'blood sample*', 'blood specimen*', 'patient specimen*', 'diagnostic specimen*', 'clinical specimen*', 'clinical sample*', 'virus culture*', 'viral culture*', 'bacterial culture*',
      'live bacteria culture*', 'tissue sample*', 'urine sample*', 'stool sample*', 'substance infectieuse', 'substances infectieuses', 'matiere infectieuse', 'echantillon biologique',
      'echantillons biologiques', 'echantillon sanguin', 'prelevement sanguin', 'ansteckungsgefahrlich*', 'infektios*', 'biologischer stoff', 'blutprobe*', 'patientenprobe*',
      'sustancia infecciosa', 'sustancias infecciosas', 'muestra biologica', 'muestras biologicas', 'muestra de sangre', 'sostanza infettiva', 'sostanze infettive', 'campione biologico',
      'campioni biologici', 'campione di sangue', 'substancia infecciosa', 'substancias infecciosas', 'amostra biologica', 'amostras biologicas', 'amostra de sangue',
      '感染性物质', '生物样本', '血液样本', '病毒培养物', '菌种',
    ],
    exclusions: ['pathogen free', 'pathogen test strip*', 'blood sample tube* empty', 'empty blood collection tube*'],
  },
  {
    ruleId: 'DG_RADIOACTIVE',
    item: 'radioactive material',
    hsPrefixes: ['2844'],
    terms: [
      'radioactive', 'radioactive material*', 'radioactive source*', 'radioisotope*', 'uranium', 'uranium ore', 'uraninite', 'pitchblende', 'thorium', 'americium', 'radium', 'caesium 137',
      'cesium 137', 'cobalt 60', 'tritium', 'tritium keychain*', 'un2910', 'un 2910', 'radioactif', 'radioactive', 'matiere radioactive', 'uraninite', 'radioaktiv*', 'uranerz', 'radiactivo',
      'radiactiva', 'material radiactivo', 'radioattivo', 'radioattiva', 'materiale radioattivo', 'radioativo', 'radioativa', 'material radioativo', '放射性', '放射源', '铀矿', '氚',
    ],
    exclusions: ['uranium glass', 'vaseline glass', 'radioactive man', 'radioactive band', 'radioactive t shirt*', 'radioactive sticker*', 'radioactive sign*', 'radioactive warning sign*', 'tritium free'],
  },
];

export const DG_LITHIUM: DangerousGoodsInput['lithium'] = {
  looseHsPrefixes: ['850650', '850760'],
  powerBankTerms: [
    'power bank*', 'powerbank*', 'battery bank*', 'portable charger*', 'portable battery charger*', 'external battery', 'external batteries', 'battery case*', 'charging case with batter*',
    'phone case with built in batter*', 'phone case with batter*', 'phone case with integrated batter*', 'battery phone case*', 'battery charger case*', 'jump starter*', 'jump starters',
    'batterie externe', 'batteries externes', 'chargeur portable', 'chargeur nomade', 'coque batterie', 'ladeschale mit akku', 'externer akku', 'zusatzakku*', 'akku hulle*',
    'bateria externa', 'baterias externas', 'cargador portatil', 'funda con bateria', 'funda bateria', 'batteria esterna', 'batterie esterne', 'caricatore portatile', 'cover con batteria',
    'bateria portatil', 'carregador portatil', 'capa com bateria', '充电宝', '移动电源', '背夹电池', '外置电池', '应急启动电源',
  ],
  lithiumTerms: [
    'lithium', 'lithium ion', 'li ion', 'liion', 'lipo', 'li po', 'lipo batter*', 'lithium polymer', 'lifepo4', 'lithium iron phosphate', '18650', '18650s', '21700', '26650', '14500', '16340',
    'cr2032', 'cr2025', 'cr2016', 'cr123a', 'cr123', 'cr2', 'er14505', 'button cell*', 'coin cell*', 'battery pack*', 'akku', 'akkus', 'akkupack*', 'li ionen', 'lithium ionen',
    'pile bouton', 'piles bouton', 'pile au lithium', 'piles au lithium', 'batterie lithium', 'batterie au lithium', 'batteries au lithium', 'accu lithium', 'knopfzelle*', 'lithiumbatterie*',
    'pila de boton', 'pilas de boton', 'bateria de litio', 'baterias de litio', 'pila de litio', 'pilas de litio', 'batteria al litio', 'batterie al litio', 'pila a bottone', 'batteria litio',
    'bateria de litio', 'pilha de litio', 'pilhas de litio', 'bateria de ions de litio', '锂', '锂电池', '锂离子电池', '锂电', '纽扣电池', '电芯', '聚合物电池',
  ],
  batteryTerms: [
    'battery', 'batteries', 'batterie', 'batterien', 'akku*', 'ersatzakku*', 'wechselakku*', 'ersatzbatterie*', 'accu', 'accumulator', 'accumulateur', 'pile', 'piles', 'bateria', 'baterias', 'pila', 'pilas', 'batteria', 'pilha', 'pilhas',
    'battery powered', 'battery operated', 'rechargeable', 'wiederaufladbar', 'recargable', 'ricaricabile', 'recarregavel', '电池', '充电式',
  ],
  batteryItemTerms: [
    'replacement batter*', 'battery pack', 'battery packs', 'battery for', 'batteries for', 'battery replacement', 'spare part battery', 'battery only', 'loose batter*',
    'batterie pour', 'batterie seule', 'akku fur', 'batterie fur', 'bateria para', 'pila para', 'batteria per', 'batteria sostitutiva', 'bateria para', '替换电池', '更换电池', '电池 适用',
  ],
  lithiumEquipmentTerms: [
    'smartphone', 'smartphones', 'mobile phone*', 'cell phone*', 'cellphone*', 'iphone', 'android phone', 'laptop', 'laptops', 'notebook computer*', 'macbook', 'chromebook', 'tablet', 'tablets',
    'ipad', 'e reader*', 'ereader*', 'e book reader*', 'kindle', 'digital camera*', 'camera', 'cameras', 'action camera*', 'gopro', 'camcorder*', 'smartwatch*', 'smart watch*',
    'fitness tracker*', 'drone', 'drones', 'wireless earbuds', 'true wireless', 'bluetooth speaker*', 'game controller*', 'handheld console*', 'nintendo switch', 'hearing aid*',
    'telephone portable', 'ordinateur portable', 'tablette', 'appareil photo', 'liseuse', 'montre connectee', 'handy', 'telefon', 'mobiltelefon', 'tablet pc', 'kamera', 'digitalkamera',
    'e book reader', 'telefono movil', 'movil', 'celular', 'portatil', 'ordenador portatil', 'tableta', 'camara', 'camara digital', 'reloj inteligente', 'telefono cellulare', 'cellulare',
    'computer portatile', 'fotocamera', 'orologio intelligente', 'telemovel', 'computador portatil', 'notebook pc', 'camara fotografica', 'relogio inteligente',
    '手机', '智能手机', '笔记本电脑', '平板电脑', '相机', '数码相机', '电子书阅读器', '智能手表', '无人机', '蓝牙音箱', '无线耳机',
  ],
  lithiumEquipmentHsPrefixes: ['851713', '851714', '847130', '852589'],
  equipmentTerms: [
    'toy', 'toys', 'toothbrush*', 'electric toothbrush*', 'shaver*', 'razor', 'trimmer*', 'hair clipper*', 'torch', 'flashlight*', 'headlamp*', 'headphones', 'headset*', 'earbuds',
    'earphones', 'speaker', 'speakers', 'watch', 'radio', 'walkie talkie*', 'remote control*', 'controller', 'mouse', 'keyboard', 'scale', 'thermometer', 'massager*', 'fan', 'lamp',
    'lamps', 'lights', 'fairy lights', 'drill', 'cordless drill*', 'screwdriver*', 'power tool*', 'bohrschrauber', 'akkuschrauber', 'akku bohrschrauber', 'bohrmaschine*', 'schrauber',
    'staubsauger', 'rasenmaher', 'perceuse*', 'visseuse*', 'taladro*', 'atornillador*', 'trapano', 'avvitatore', 'furadeira', 'parafusadeira', '电钻', 'candle*', 'calculator*', 'gps', 'tracker', 'doorbell*', 'vacuum*', 'robot', 'device', 'devices', 'equipment', 'gadget*', 'player',
    'jouet', 'jouets', 'brosse a dents', 'rasoir', 'lampe', 'lampe torche', 'casque', 'ecouteurs', 'enceinte', 'montre', 'telecommande', 'appareil', 'spielzeug', 'zahnburste*',
    'rasierer', 'taschenlampe*', 'kopfhorer', 'lautsprecher', 'uhr', 'fernbedienung', 'gerat', 'juguete', 'juguetes', 'cepillo de dientes', 'afeitadora', 'linterna', 'auriculares',
    'altavoz', 'reloj', 'mando', 'dispositivo', 'giocattolo', 'giocattoli', 'spazzolino', 'rasoio', 'torcia', 'cuffie', 'altoparlante', 'orologio', 'telecomando', 'brinquedo',
    'brinquedos', 'escova de dentes', 'barbeador', 'lanterna', 'fones', 'fone de ouvido', 'relogio', 'controle remoto', '玩具', '电动牙刷', '剃须刀', '手电筒', '耳机', '音箱', '手表', '遥控器',
  ],
  largeBatteryEquipmentTerms: [
    'electric scooter*', 'e scooter*', 'escooter*', 'hoverboard*', 'e bike', 'e bikes', 'ebike*', 'electric bike*', 'electric bicycle*', 'self balancing scooter*', 'electric unicycle*',
    'electric skateboard*', 'trottinette electrique', 'trottinettes electriques', 'velo electrique', 'gyropode*', 'e roller', 'elektroroller*', 'pedelec*', 'patinete electrico',
    'bicicleta electrica', 'monopattino elettrico', 'bici elettrica', 'bicicletta elettrica', 'trotinete eletrica', 'bicicleta eletrica', '电动滑板车', '平衡车', '电动自行车',
  ],
  packedWithTerms: [
    'spare batter*', 'extra batter*', 'second batter*', 'additional batter*', 'backup batter*', 'plus batter*', 'with spare', 'battery packed separately', 'batteries packed separately',
    'packed separately', 'battery not installed', 'batteries not installed', 'battery separate', 'batteries separate', 'separate batter*', 'battery removed', 'uninstalled batter*',
    'batterie de rechange', 'batterie supplementaire', 'batterie separee', 'batterie non installee', 'ersatzakku*', 'zweiter akku', 'zusatzlicher akku', 'akku separat', 'wechselakku*',
    'bateria de repuesto', 'bateria adicional', 'bateria extra', 'bateria separada', 'batteria di ricambio', 'batteria aggiuntiva', 'batteria separata', 'bateria sobressalente',
    'bateria extra', 'bateria separada', '备用电池', '额外电池', '电池单独包装', '另配电池',
  ],
  damagedTerms: [
    'damaged', 'defective', 'faulty', 'broken', 'swollen', 'bulging', 'leaking', 'recalled', 'overheating', 'not working', 'for repair', 'for parts',
    'endommage*', 'defectueux', 'defectueuse', 'gonfle*', 'hors service', 'beschadigt', 'defekt', 'aufgeblaht', 'kaputt', 'danado', 'danada', 'defectuoso', 'defectuosa', 'hinchad*',
    'danneggiat*', 'difettos*', 'gonfio', 'gonfia', 'gonfie', 'gonfi', 'guasto', 'danificad*', 'defeituos*', 'estufad*', '损坏', '鼓包', '故障', '坏的', '召回',
  ],
  exclusions: [
    'alkaline batter*', 'alkaline cell*', 'alkaline', 'nimh', 'ni mh', 'nickel metal hydride', 'nicd', 'ni cd', 'zinc carbon', 'zinc air', 'lead acid', 'battery holder*', 'battery box*',
    'battery storage*', 'battery organi*', 'battery tester*', 'battery terminal*', 'battery cable*', 'battery clip*', 'battery charger', 'battery chargers', 'battery charger for',
    'battery cover*', 'battery door*', 'battery contact*', 'battery strap*', 'battery indicator*', 'battery not included', 'batteries not included', 'no battery', 'no batteries',
    'without battery', 'without batteries', 'battery free', 'batteryless', 'piles non incluses', 'sans pile*', 'sans batterie', 'ohne batterie*', 'ohne akku', 'batterien nicht enthalten',
    'sin pilas', 'sin bateria', 'pilas no incluidas', 'senza batteri*', 'batterie non incluse', 'sem pilhas', 'sem bateria', '不含电池', '无电池', '电池盒', 'pile of', 'piles of', 'pile rug*',
    'dog toy*', 'cat toy*', 'chew toy*', 'watch strap*', 'watch band*', 'watch box*', 'watch case*', 'watch winder*', 'camera bag*', 'camera strap*', 'camera case*', 'camera lens*',
    'phone case*', 'phone cover*', 'phone holder*', 'phone stand*', 'phone mount*', 'screen protector*', 'laptop bag*', 'laptop sleeve*', 'laptop stand*', 'laptop case*', 'tablet case*',
    'tablet cover*', 'tablet stand*', 'camera tripod*', 'coque de telephone', 'housse', 'handyhulle*', 'funda de movil', 'funda para movil', 'cover per cellulare', 'capa de telemovel',
    'capinha', '手机壳', '手机支架', '钢化膜', '相机包', 'wall clock*', 'dummy camera*', 'fake camera*', 'toy camera*', 'camera toy*',
  ],
  limits: { cellsPerItem: 4, batteriesPerItem: 2, whPerCell: 20, whPerBattery: 100, lithiumGramsPerCell: 1, lithiumGramsPerBattery: 2, nominalVolts: 3.7 },
};

export const DEFAULT_DANGEROUS_GOODS: DangerousGoodsInput = {
  heldPoints: 50,
  sources: DG_SOURCES,
  rules: DG_RULES,
  goods: DG_GOODS,
  lithium: DG_LITHIUM,
};
