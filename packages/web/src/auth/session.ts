import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client.ts';
import type { SessionUser, SignInRequest } from '../api/types.ts';
import { changeLanguage, currentLanguage } from '../i18n/i18n.ts';
import { isLanguageCode, type LanguageCode } from '../i18n/languages.ts';

/** Query key of the signed-in user (null when signed out). */
export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: ({ signal }) => api.me(signal), staleTime: 5 * 60_000 });
}

/** Forgets the user and every cached page, e.g. after sign-out or when the API says 401. */
export function endSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData<SessionUser | null>(sessionKey, null);
}

async function applyProfileLanguage(user: SessionUser): Promise<void> {
  if (isLanguageCode(user.language) && user.language !== currentLanguage()) await changeLanguage(user.language);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['sign-in'],
    mutationFn: (credentials: SignInRequest) => api.auth.signIn(credentials),
    onSuccess: async ({ user }) => {
      // Signing in brings the portal into the language of the user's profile.
      await applyProfileLanguage(user);
      queryClient.setQueryData<SessionUser | null>(sessionKey, user);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.signOut(),
    onSettled: () => endSession(queryClient),
  });
}

/** While signed in, the portal shows the language of the user's profile. */
export function useFollowProfileLanguage(user: SessionUser | null | undefined): void {
  useEffect(() => {
    if (user) void applyProfileLanguage(user);
  }, [user]);
}

/** Saves a language choice in the signed-in user's profile, so it follows them to other devices and mails. */
export function useSaveProfileLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: LanguageCode) => api.updateMe({ language }),
    onSuccess: ({ user }) => queryClient.setQueryData<SessionUser | null>(sessionKey, user),
  });
}
