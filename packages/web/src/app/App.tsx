import { Center, DirectionProvider, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../api/client.ts';
import { AcceptInvitationPage } from '../auth/AcceptInvitationPage.tsx';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { ResetPasswordPage } from '../auth/ResetPasswordPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { endSession, useFollowProfileLanguage, useSession } from '../auth/session.ts';
import { DirectionSync } from '../i18n/DirectionSync.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { directionOf } from '../i18n/languages.ts';
import { NotFoundPage } from '../shell/NotFoundPage.tsx';
import { startPathFor } from '../shell/navigation.ts';
import { RoleGate } from '../shell/RoleGate.tsx';
import { ShellLayout } from '../shell/ShellLayout.tsx';
import { pages, pagesBuilt } from './pages.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

/** A 401 from any request means the session is gone: forget the user so the sign-in page shows. */
function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => isSessionLost(error) && endSession(queryClient) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A failed sign-in is a wrong password, not a lost session.
        if (isSessionLost(error) && mutation.options.mutationKey?.[0] !== 'sign-in') endSession(queryClient);
      },
    }),
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not go away by asking again; network hiccups might.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}

function AppRoutes() {
  const { t } = useTranslation();
  const session = useSession();
  useFollowProfileLanguage(session.data);
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('status.loading')} />
      </Center>
    );
  }
  const user = session.data ?? null;
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage signedIn={user !== null} />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route
        element={
          <RequireSession user={user}>
            <ShellLayout pagesBuilt={pagesBuilt} />
          </RequireSession>
        }
      >
        <Route index element={user ? <Navigate to={startPathFor(user.role, pagesBuilt)} replace /> : null} />
        {pages.map((page) => (
          <Route key={page.path} path={page.path} element={<RoleGate path={page.path}>{page.element}</RoleGate>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <DirectionProvider initialDirection={directionOf(currentLanguage())} detectDirection={false}>
          <DirectionSync />
          <Notifications position="top-center" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </DirectionProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
