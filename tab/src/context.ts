/** What every page gets from the shell: the API, who is signed in, the chosen group, the language. */
import { createContext, useContext } from 'react';
import type { MeView } from '../../src/contract/tab-api';
import type { TabApi } from './api';
import type { Lang } from './i18n';
import type { TeamsHost, ThemeName } from './teams';

export type GroupChoice = MeView['groups'][number];

export interface Shell {
  api: TabApi;
  me: MeView;
  /** Undefined when the caller belongs to no group. */
  group: GroupChoice | undefined;
  lang: Lang;
  setLang: (lang: Lang) => void;
  theme: ThemeName;
  host: TeamsHost | undefined;
}

export const ShellContext = createContext<Shell | undefined>(undefined);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside the shell');
  return shell;
}
