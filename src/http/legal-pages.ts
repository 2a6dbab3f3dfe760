/**
 * GET /privacy and /terms: the pages the Teams manifest names (privacyUrl, termsOfUseUrl), in Swedish and
 * English (`?lang=sv|en`, else the browser's preference). Static text: no script, nothing external.
 */
import type { Request, Response, Server } from 'restify';
import { escapeHtml } from '../app/html';
import type { Locale } from '../i18n';
import { LINK_PAGE_CSP, pageLocale } from './personal-link-routes';

type Page = { title: string; sections: Array<{ heading: string; paragraphs: string[] }> };

const PRIVACY: Record<Locale, Page> = {
  sv: {
    title: 'Rådslag – integritet och personuppgifter',
    sections: [
      {
        heading: 'Vem ansvarar',
        paragraphs: [
          'Rådslag drivs av den organisation som har installerat appen i sin Microsoft 365-miljö (värdorganisationen). Den är personuppgiftsansvarig för uppgifterna nedan och behandlar dem för att sköta de råd, styrgrupper och nätverk den leder – en uppgift av allmänt intresse.',
        ],
      },
      {
        heading: 'Vad som sparas',
        paragraphs: [
          'Ledamöter och deltagare: namn, Teams- och Entra-id, e-postadress, organisation, roll och medlemsperiod.',
          'Möten: kallelse, dagordning, närvaro (från Teams närvarorapporter och sekreterarens rättelser), svar på kallelse och incheckning, anteckningar, beslut, åtgärder, risker och protokoll med vem som registrerade vad och när.',
          'En revisionslogg över ändringar av beslut, risker, närvaro och protokoll.',
        ],
      },
      {
        heading: 'Hur länge',
        paragraphs: [
          'Justerade protokoll är allmänna handlingar och bevaras enligt värdorganisationens arkivregler. Övriga uppgifter sparas så länge gruppen finns eller tills värdorganisationen gallrar dem. Personliga länkar slutar gälla när mötet har ägt rum.',
        ],
      },
      {
        heading: 'Vem ser uppgifterna',
        paragraphs: [
          'Gruppens ledamöter ser gruppens möten, beslut, risker och närvaro. Ordförande, vice ordförande, processledare och mötets sekreterare kan ändra dem. E-postadresser tas bort i den offentliga versionen av protokollet. Uppgifterna lämnar inte värdorganisationens Microsoft 365-miljö och den server där Rådslag körs.',
        ],
      },
      {
        heading: 'Dina rättigheter',
        paragraphs: ['Kontakta värdorganisationens dataskyddsombud för att få ut, rätta eller radera uppgifter om dig. Justerade protokoll kan inte ändras i efterhand.'],
      },
    ],
  },
  en: {
    title: 'Rådslag – privacy and personal data',
    sections: [
      {
        heading: 'Who is responsible',
        paragraphs: [
          'Rådslag is run by the organisation that installed the app in its Microsoft 365 environment (the host organisation). It is the controller of the data below and processes it to run the councils, steering groups and networks it leads – a task in the public interest.',
        ],
      },
      {
        heading: 'What is stored',
        paragraphs: [
          'Members and participants: name, Teams and Entra ids, e-mail address, organisation, role and membership period.',
          'Meetings: notice, agenda, attendance (from Teams attendance reports and the secretary’s corrections), notice and check-in answers, notes, decisions, actions, risks and minutes, with who recorded what and when.',
          'An audit trail of changes to decisions, risks, attendance and minutes.',
        ],
      },
      {
        heading: 'For how long',
        paragraphs: [
          'Approved minutes are public records and are kept under the host organisation’s archive rules. Other data is kept while the group exists or until the host organisation deletes it. Personal links expire once the meeting has taken place.',
        ],
      },
      {
        heading: 'Who sees it',
        paragraphs: [
          'The group’s members see its meetings, decisions, risks and attendance. The chair, vice chair, organizer and the meeting’s secretary can change them. E-mail addresses are removed from the public version of the minutes. The data does not leave the host organisation’s Microsoft 365 environment and the server Rådslag runs on.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: ['Contact the host organisation’s data protection officer to obtain, correct or erase data about you. Approved minutes cannot be changed afterwards.'],
      },
    ],
  },
};

const TERMS: Record<Locale, Page> = {
  sv: {
    title: 'Rådslag – användarvillkor',
    sections: [
      {
        heading: 'Användning',
        paragraphs: [
          'Rådslag är ett verktyg för att förbereda, genomföra och protokollföra möten i Teams. Värdorganisationen bestämmer vem som får använda appen och ansvarar för innehållet som registreras.',
          'Det som registreras i ett möte (beslut, risker, anteckningar, närvaro) är underlag för protokollet; protokollet gäller först när justeraren har godkänt det.',
        ],
      },
      {
        heading: 'Ansvar',
        paragraphs: ['Appen tillhandahålls i befintligt skick. Kontrollera protokollet före justering. Frågor om appen besvaras av värdorganisationens IT-funktion.'],
      },
    ],
  },
  en: {
    title: 'Rådslag – terms of use',
    sections: [
      {
        heading: 'Use',
        paragraphs: [
          'Rådslag is a tool to prepare, run and minute meetings in Teams. The host organisation decides who may use the app and is responsible for what is recorded.',
          'What is recorded in a meeting (decisions, risks, notes, attendance) is the basis of the minutes; the minutes apply once the adjuster has approved them.',
        ],
      },
      {
        heading: 'Responsibility',
        paragraphs: ['The app is provided as is. Check the minutes before approving them. The host organisation’s IT function answers questions about the app.'],
      },
    ],
  },
};

const STYLE = 'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;margin:0;background:#f5f5f5;color:#1b1b1b}main{max-width:42rem;margin:0 auto;padding:1.5rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}nav a{margin-right:1rem}';

export function legalPage(page: Page, locale: Locale, other: { href: string; label: string }): string {
  const body = page.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`).join('');
  return (
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head><body><main><nav><a href="${escapeHtml(other.href)}" lang="${locale === 'sv' ? 'en' : 'sv'}">${escapeHtml(other.label)}</a></nav>` +
    `<h1>${escapeHtml(page.title)}</h1>${body}</main></body></html>`
  );
}

export function registerLegalPages(server: Server): void {
  for (const [path, pages] of [
    ['/privacy', PRIVACY],
    ['/terms', TERMS],
  ] as const) {
    server.get(path, (req: Request, res: Response, next: (err?: false) => void) => {
      const { locale } = pageLocale(req.url, req.header('accept-language'));
      const other = locale === 'sv' ? { href: `${path}?lang=en`, label: 'In English' } : { href: `${path}?lang=sv`, label: 'På svenska' };
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Language': locale,
        'Content-Security-Policy': LINK_PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'public, max-age=3600',
      });
      res.end(legalPage(pages[locale], locale, other));
      next(false);
    });
  }
}
