import { parseSetupArgs } from '../../../bot/commands/groups';

describe('/setup arguments', () => {
  it('reads a kind word first and the name after it', () => {
    expect(parseSetupArgs('styrgrupp Taktisk styrgrupp')).toEqual({ name: 'Taktisk styrgrupp', kind: 'steering' });
    expect(parseSetupArgs('E-råd Fyrbodal')).toEqual({ name: 'E-råd Fyrbodal' });
  });

  it('takes a set-up code at the end, in English or Swedish, and keeps it out of the name', () => {
    expect(parseSetupArgs('Taktisk styrgrupp code K7PX-3QMD')).toEqual({ name: 'Taktisk styrgrupp', claimCode: 'K7PX-3QMD' });
    expect(parseSetupArgs('råd Regionala rådet kod k7px3qmd ')).toEqual({ name: 'Regionala rådet', kind: 'council', claimCode: 'k7px3qmd' });
  });

  it('leaves a name that only ends in a word like "code" alone', () => {
    expect(parseSetupArgs('Gruppen för open code')).toEqual({ name: 'Gruppen för open code' });
    expect(parseSetupArgs('code K7PX-3QMD')).toEqual({ name: 'code K7PX-3QMD' });
  });
});
