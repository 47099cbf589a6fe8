// The parcel document's encoding: raw deflate with a preset dictionary after a marker byte; brotli documents (written
// before) still read; the dictionary pinned, as stored documents can only be opened with the very same bytes.
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DICTIONARY_1_MARKER, decodeDocument, encodeDocument } from '#shared/store/parcel-doc-codec';
import { DOC_DICTIONARY_1 } from '#shared/store/parcel-doc-dictionary';
import { assessmentArgs, at, declaration, newParcel } from '#test/helpers/parcels';

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
/** A document as the assess stage stores it: declaration, history, assessment and response. */
function assessedDocument(name: string) {
  const p = newParcel(declaration({ recipient: { ...declaration().recipient, name } }), 'platform:shop-1', at(1));
  const args = assessmentArgs(p.itemId, 1, 'HELD_FOR_INSPECTION', at(2));
  return { declaration: p.declaration, history: [...p.history, ...args.history], assessment: args.assessment, customsResponse: args.customsResponse };
}

describe('the parcel document encoding', () => {
  it('gives the value back, starting with the marker byte', () => {
    const doc = assessedDocument('Zoë Ångström-Łukasiewicz');
    const bytes = encodeDocument(doc);
    expect(bytes[0]).toBe(DICTIONARY_1_MARKER);
    expect(decodeDocument(bytes)).toEqual(doc);
  });

  it('reads a brotli document written before, whatever the window', () => {
    const doc = assessedDocument('Claire Martin');
    for (const lgwin of [10, 16, 17, 18, 22, 24]) {
      const bytes = brotliCompressSync(JSON.stringify(doc), { params: { ...BROTLI.params, [constants.BROTLI_PARAM_LGWIN]: lgwin } });
      expect(bytes[0]).not.toBe(DICTIONARY_1_MARKER);
      expect(decodeDocument(bytes)).toEqual(doc);
    }
  });

  it('uses a marker no brotli stream starts with (an invalid window-bits code)', () => {
    expect(() => brotliDecompressSync(Buffer.from([DICTIONARY_1_MARKER, 0, 0, 0]))).toThrow();
  });

  it('is smaller than the brotli document, for a recipient the dictionary has never seen', () => {
    const doc = assessedDocument('Xavier Quennell-Obradović');
    const json = JSON.stringify(doc);
    expect(encodeDocument(doc).length).toBeLessThan(brotliCompressSync(json, BROTLI).length * 0.6);
  });

  it('keeps the dictionary the stored documents were written with', () => {
    expect(createHash('sha256').update(DOC_DICTIONARY_1, 'utf8').digest('hex')).toBe('72bd5b8eb698dcfef96366073858c7df1702281a41152e7094dfdbcb1f1df331');
  });
});
