import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { applyTheme, isThemeChoice, THEME_SETTING, themeHint, type ThemeChoice } from './theme.ts';
import { useApiMutation } from '../api/use-api.ts';

const KEY = ['settings.get', { key: THEME_SETTING }] as const;

/** The theme override kept in the core's settings (`settings.set`), applied to the document. */
export function useTheme(): { theme: ThemeChoice; setTheme(choice: ThemeChoice): void } {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: () => api.call('settings.get', { key: THEME_SETTING }) });
  const stored = query.data?.value;
  const theme: ThemeChoice = isThemeChoice(stored) ? stored : query.data ? 'system' : themeHint();
  const save = useApiMutation('settings.set', {
    toInput: (choice: ThemeChoice) => ({ key: THEME_SETTING, value: choice }),
    onMutate: (choice) => queryClient.setQueryData(KEY, { key: THEME_SETTING, value: choice }),
  });
  useEffect(() => applyTheme(theme), [theme]);
  return { theme, setTheme: (choice) => save.mutate(choice) };
}
