import { isOwner, parseActionArgs } from '../../../src/domain/action';
import { domainErrorOf } from '../../helpers/domain-error';

describe('parseActionArgs', () => {
  it('takes the text alone', () => {
    expect(parseActionArgs('  Skicka direktivet   till ledamöterna ')).toEqual({ text: 'Skicka direktivet till ledamöterna' });
  });

  it('takes owner and due in either order, with names of several words', () => {
    const expected = { text: 'Send the directive', owner: 'Håkan Sundberg', due: '2027-03-18' };
    expect(parseActionArgs('Send the directive owner: Håkan Sundberg due: 2027-03-18')).toEqual(expected);
    expect(parseActionArgs('Send the directive due: 2027-03-18 owner: Håkan Sundberg')).toEqual(expected);
    expect(parseActionArgs('Send the directive Owner:Håkan Sundberg DUE:2027-03-18')).toEqual(expected);
  });

  it('reads the Swedish words ansvarig:, senast: and klart:', () => {
    expect(parseActionArgs('Skicka direktivet ansvarig: Sara Herrman senast: 2027-03-18')).toEqual({ text: 'Skicka direktivet', owner: 'Sara Herrman', due: '2027-03-18' });
    expect(parseActionArgs('Skicka direktivet klart: 2027-03-18')).toEqual({ text: 'Skicka direktivet', due: '2027-03-18' });
  });

  it('keeps words after the due date as text, and fields before the text', () => {
    expect(parseActionArgs('due: 2027-03-18 Skicka direktivet')).toEqual({ text: 'Skicka direktivet', due: '2027-03-18' });
  });

  it('strips an @mention around the owner', () => {
    expect(parseActionArgs('Boka lokal owner: <at>Pia Carlsson</at>')).toEqual({ text: 'Boka lokal', owner: 'Pia Carlsson' });
  });

  it('does not take a word that merely ends in a field name', () => {
    expect(parseActionArgs('Check the overdue: list')).toEqual({ text: 'Check the overdue: list' });
  });

  it('refuses a date that is not in the calendar, naming the due date', () => {
    expect(domainErrorOf(() => parseActionArgs('Skicka due: 2027-02-30'))).toMatchObject({ code: 'SCHEDULE.BAD_DATE', params: { field: 'due', value: '2027-02-30' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka senast: fredag'))).toMatchObject({ code: 'SCHEDULE.BAD_DATE', params: { field: 'due', value: 'fredag' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka due:'))).toMatchObject({ code: 'SCHEDULE.BAD_DATE', params: { field: 'due' } });
  });

  it('quotes the whole due date it could not read, not its first word', () => {
    expect(domainErrorOf(() => parseActionArgs('Skicka ut direktivet due: 15 januari'))).toMatchObject({ code: 'SCHEDULE.BAD_DATE', params: { field: 'due', value: '15 januari' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka senast: 15 jan 2027 ansvarig: Sara'))).toMatchObject({ code: 'SCHEDULE.BAD_DATE', params: { field: 'due', value: '15 jan 2027' } });
    // A date that reads is one word, and the words after it are text again, as before.
    expect(parseActionArgs('Skicka due: 2027-01-15 till alla')).toEqual({ text: 'Skicka till alla', due: '2027-01-15' });
  });

  it('refuses an empty text, an empty owner and a field given twice', () => {
    expect(domainErrorOf(() => parseActionArgs('owner: Sara due: 2027-03-18'))).toMatchObject({ code: 'TEXT.EMPTY', params: { field: 'action' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka owner: '))).toMatchObject({ code: 'TEXT.EMPTY', params: { field: 'owner' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka owner: Sara ansvarig: Pia'))).toMatchObject({ code: 'ACTION.REPEATED_FIELD', params: { field: 'owner' } });
    expect(domainErrorOf(() => parseActionArgs('Skicka due: 2027-03-18 senast: 2027-03-19'))).toMatchObject({ code: 'ACTION.REPEATED_FIELD', params: { field: 'due' } });
    expect(domainErrorOf(() => parseActionArgs('x'.repeat(2001)))).toMatchObject({ code: 'TEXT.TOO_LONG' });
  });
});

describe('isOwner', () => {
  it('matches the owner by name, whatever the case and accents', () => {
    expect(isOwner({ owner: 'hakan sundberg' }, { id: '29:h', name: 'Håkan Sundberg' })).toBe(true);
    expect(isOwner({ owner: 'Sara Herrman' }, { id: '29:h', name: 'Håkan Sundberg' })).toBe(false);
    expect(isOwner({}, { id: '29:h', name: 'Håkan Sundberg' })).toBe(false);
  });
});
