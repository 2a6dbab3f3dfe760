/** A note's lines from the HTML Teams sends beside a flattened text: used only when both say the same. */
import { argumentLines } from '../../../bot/message-lines';

const MENTION = '<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Rådslag</span>';

describe('argumentLines', () => {
  it('reads paragraphs, breaks, list items and headings of the HTML into the note’s lines and markers', () => {
    const html = `<div><div>${MENTION}&nbsp;/note Anders föredrar läget på SML-IT</div><ul><li>IT-personal ovanligt friska</li><li>Ca 600 distansarbetande</li></ul><h2>Diskussion &ndash; hemarbete</h2><p>Hemarbete<br>kommer att fortsätta &amp; &lt;b&gt;växa&lt;/b&gt;</p></div>`;
    const flattened = 'Anders föredrar läget på SML-IT IT-personal ovanligt friska Ca 600 distansarbetande Diskussion – hemarbete Hemarbete kommer att fortsätta & <b>växa</b>';
    expect(argumentLines(flattened, { html })).toBe(
      'Anders föredrar läget på SML-IT\n\n- IT-personal ovanligt friska\n- Ca 600 distansarbetande\n\n# Diskussion – hemarbete\n\nHemarbete\nkommer att fortsätta & <b>växa</b>',
    );
  });

  it('keeps the text as it came without HTML, or when the HTML says something else', () => {
    expect(argumentLines('Första raden\nandra', {})).toBe('Första raden\nandra');
    expect(argumentLines('Något annat', { html: `<p>${MENTION} /note Inte samma text</p>` })).toBe('Något annat');
    expect(argumentLines('Utan kommando', { html: '<p>Utan kommando</p>' })).toBe('Utan kommando');
  });

  it('drops every other tag and keeps script text as text', () => {
    expect(argumentLines('Se <script>alert(1)</script> här', { html: `<p>/anteckning Se <a href="https://evil.example">&lt;script&gt;alert(1)&lt;/script&gt;</a> här</p>` })).toBe('Se <script>alert(1)</script> här');
  });
});
