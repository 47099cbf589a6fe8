// Default word lists for the data-quality rules: generic descriptions (the WCO / ICS2 examples of
// unacceptable goods descriptions, in several languages), filler words, and the HS-fit vocabulary.
// Words are folded like descriptions (lower case, no accents).

export const GENERIC_TERMS: string[] = [
  // EN
  'gift', 'gifts', 'present', 'presents', 'parts', 'part', 'spare parts', 'clothes', 'clothing', 'apparel', 'garments', 'accessories',
  'accessory', 'electronics', 'electronic', 'electronic goods', 'goods', 'sample', 'samples', 'various', 'misc', 'miscellaneous',
  'see invoice', 'as per invoice', 'per invoice', 'invoice', 'stuff', 'items', 'item', 'merchandise', 'general merchandise', 'personal effects',
  'personal items', 'personal belongings', 'toys', 'toy', 'tools', 'tool', 'food', 'foodstuff', 'foodstuffs', 'household goods',
  'household items', 'daily necessities', 'daily necessity', 'daily use', 'product', 'products', 'things', 'consumer goods', 'commodity',
  'commodities', 'package', 'parcel', 'shipment', 'equipment', 'machinery', 'machine parts', 'auto parts', 'car parts', 'computer parts',
  'chemicals', 'appliances', 'pieces', 'set', 'kit', 'other',
  // FR
  'cadeau', 'cadeaux', 'vetements', 'vetement', 'pieces detachees', 'accessoires', 'marchandise', 'marchandises', 'echantillon',
  'echantillons', 'divers', 'effets personnels', 'jouets', 'jouet', 'outils', 'nourriture', 'articles', 'produits', 'voir facture', 'electronique',
  // DE
  'geschenk', 'geschenke', 'kleidung', 'teile', 'ersatzteile', 'zubehor', 'ware', 'waren', 'muster', 'probe', 'verschiedenes',
  'personliche gegenstande', 'spielzeug', 'spielwaren', 'werkzeug', 'lebensmittel', 'elektronik', 'artikel', 'siehe rechnung', 'haushaltswaren',
  // ES
  'regalo', 'regalos', 'ropa', 'piezas', 'repuestos', 'accesorios', 'mercancia', 'mercancias', 'muestra', 'muestras', 'varios',
  'efectos personales', 'juguetes', 'herramientas', 'comida', 'alimentos', 'articulos', 'productos', 'ver factura', 'electronica',
  // IT
  'regali', 'vestiti', 'abbigliamento', 'ricambi', 'pezzi di ricambio', 'accessori', 'merce', 'merci', 'campione', 'campioni', 'vari',
  'effetti personali', 'giocattoli', 'attrezzi', 'cibo', 'articoli', 'prodotti', 'vedi fattura', 'elettronica',
  // PT
  'presente', 'roupa', 'roupas', 'pecas', 'acessorios', 'mercadoria', 'mercadorias', 'amostra', 'amostras', 'diversos',
  'objetos pessoais', 'brinquedos', 'ferramentas', 'artigos', 'produtos',
  // NL
  'kleding', 'onderdelen', 'goederen', 'diversen', 'persoonlijke bezittingen', 'speelgoed', 'gereedschap', 'voedsel', 'artikelen', 'producten',
  // PL
  'prezent', 'upominek', 'ubrania', 'odziez', 'czesci', 'akcesoria', 'towar', 'towary', 'probka', 'rozne', 'rzeczy osobiste', 'zabawki',
  'narzedzia', 'zywnosc', 'artykuly', 'produkty',
  // RU, ZH
  'подарок', 'одежда', 'запчасти', 'аксессуары', 'товары', 'товар', 'образец', 'личные вещи', 'игрушки',
  '礼物', '礼品', '衣服', '配件', '零件', '样品', '日用品', '杂物', '电子产品', '商品',
];

export const FILLER_WORDS: string[] = [
  'a', 'an', 'the', 'of', 'for', 'and', 'with', 'some', 'my', 'new', 'used', 'assorted', 'lot', 'box', 'pack', 'x', 'pcs', 'pc', 'qty',
  'de', 'des', 'du', 'le', 'la', 'les', 'un', 'une', 'et', 'pour', 'avec', 'd', 'l', 'en',
  'der', 'die', 'das', 'ein', 'eine', 'und', 'fur', 'mit', 'von',
  'el', 'los', 'las', 'unos', 'y', 'para', 'con', 'il', 'lo', 'gli', 'e', 'per', 'di', 'del',
  'o', 'os', 'as', 'um', 'uma', 'com', 'do', 'da', 'het', 'een', 'voor', 'met', 'van', 'i', 'z', 'dla', 'w', 'и', 'для',
];

export const HS_IGNORED_WORDS: string[] = [
  'other', 'others', 'article', 'articles', 'heading', 'headings', 'chapter', 'item', 'items', 'thereof', 'whether', 'not', 'the', 'and',
  'kind', 'kinds', 'similar', 'including', 'excluding', 'used', 'parts', 'accessories', 'such', 'with', 'without', 'than', 'for', 'containing',
  'products', 'goods', 'material', 'materials', 'prepared', 'made', 'like', 'type', 'form', 'forms', 'put', 'retail', 'sale', 'purposes',
  'n.e.c', 'nec', 'etc', 'mainly', 'wholly', 'kind', 'use', 'uses', 'new', 'set', 'sets',
];

/** Everyday words mapped to the words the HS 2022 texts use for the same goods. */
export const HS_SYNONYMS: Record<string, string[]> = {
  phone: ['telephone'], phones: ['telephone'], iphone: ['telephone', 'smartphones'], mobile: ['telephone'], cellphone: ['telephone'],
  laptop: ['data', 'processing', 'portable'], notebook: ['data', 'processing', 'portable', 'paper'], computer: ['data', 'processing'],
  tablet: ['data', 'processing', 'tablets'], ipad: ['data', 'processing'], sneakers: ['footwear'], shoes: ['footwear'], boots: ['footwear'],
  sandals: ['footwear'], trainers: ['footwear'], slippers: ['footwear'], tshirt: ['shirts'], tee: ['shirts'], hoodie: ['sweatshirts', 'pullovers'],
  sweater: ['pullovers', 'jerseys'], jumper: ['jerseys'], jeans: ['trousers'], pants: ['trousers'], leggings: ['trousers', 'tights'],
  purse: ['handbag', 'pocket'], wallet: ['pocket', 'handbag'], backpack: ['bags', 'rucksacks'], rucksack: ['bags'], cologne: ['perfumes', 'toilet'],
  watch: ['watches'], smartwatch: ['watches', 'transmission', 'reception'], earrings: ['jewellery'], necklace: ['jewellery'], ring: ['jewellery'],
  bank: ['accumulators'], powerbank: ['accumulators'], bracelet: ['jewellery'], earbuds: ['earphones'], charger: ['converters', 'static'], cable: ['conductors'], battery: ['accumulators', 'batteries'],
  lipstick: ['lip', 'make'], mascara: ['eye', 'make'], doll: ['dolls'], lego: ['toys', 'construction'], novel: ['books'], mug: ['tableware'],
  cup: ['tableware'], plate: ['tableware'], drone: ['aircraft', 'unmanned'], bike: ['cycles', 'bicycles'], bicycle: ['cycles'],
  television: ['reception', 'monitors'], headset: ['headphones'], speaker: ['loudspeakers'], console: ['video', 'game'], camera: ['cameras'],
  pistol: ['pistols', 'revolvers'], pistolet: ['pistols'], perfume: ['perfumes'], parfum: ['perfumes'], robe: ['dresses'], chemise: ['shirts'],
};
