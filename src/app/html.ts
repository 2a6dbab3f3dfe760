/** Text placed in HTML (mail bodies, the personal-link page): every character that could open markup is escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
