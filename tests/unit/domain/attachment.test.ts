import { attachmentUrl, parseAttachArgs, titleFromFileName } from '../../../src/domain/attachment';
import { domainErrorOf } from '../../helpers/domain-error';

const DOC = 'https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/Presentation.pptx?web=1';

describe('parseAttachArgs', () => {
  it('takes the last word as the address and everything before it as the title', () => {
    expect(parseAttachArgs(`Bilaga 1-Presentation av möte ${DOC}`)).toEqual({ title: 'Bilaga 1-Presentation av möte', url: DOC });
    expect(parseAttachArgs(`  Bilaga   2 \n ${DOC}  `)).toEqual({ title: 'Bilaga 2', url: DOC });
  });

  it('reads an address Teams sent as a link', () => {
    expect(parseAttachArgs(`Bilaga 1 <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>`)).toEqual({ title: 'Bilaga 1', url: 'https://example.org/a?b=1&c=2' });
  });

  it('refuses a title or an address alone, quoting what was typed', () => {
    expect(domainErrorOf(() => parseAttachArgs(DOC))).toMatchObject({ code: 'ATTACHMENT.BAD_ARGS', params: { value: DOC } });
    expect(domainErrorOf(() => parseAttachArgs('Bilaga'))).toMatchObject({ code: 'ATTACHMENT.BAD_ARGS', params: { value: 'Bilaga' } });
    expect(domainErrorOf(() => parseAttachArgs('   '))).toMatchObject({ code: 'ATTACHMENT.BAD_ARGS', params: { value: '' } });
  });

  it.each([
    'http://fyrbodal.se/presentation.pptx',
    'ftp://fyrbodal.se/presentation.pptx',
    'javascript:alert(1)',
    'file:///C:/Users/sara/presentation.pptx',
    'www.fyrbodal.se/presentation.pptx',
    'https://sara:hemligt@fyrbodal.se/presentation.pptx',
  ])('refuses %s as the address, quoting it whole', (url) => {
    expect(domainErrorOf(() => parseAttachArgs(`Bilaga 1 ${url}`))).toMatchObject({ code: 'ATTACHMENT.BAD_URL', params: { value: url } });
  });

  it('refuses a title over 200 characters and an address over 2000', () => {
    expect(domainErrorOf(() => parseAttachArgs(`${'a'.repeat(201)} ${DOC}`))).toMatchObject({ code: 'TEXT.TOO_LONG', params: { field: 'title', max: 200 } });
    const long = `https://example.org/${'a'.repeat(2000)}`;
    expect(domainErrorOf(() => attachmentUrl(long))).toMatchObject({ code: 'ATTACHMENT.BAD_URL', params: { value: long.slice(0, 2000) } });
  });
});

describe('titleFromFileName', () => {
  it('drops the extension, and keeps a name that is only one', () => {
    expect(titleFromFileName('Bilaga 1-Presentation av möte.pptx')).toBe('Bilaga 1-Presentation av möte');
    expect(titleFromFileName('Rapport v1.2 slutlig.docx')).toBe('Rapport v1.2 slutlig');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
    expect(titleFromFileName('Protokoll')).toBe('Protokoll');
  });
});
