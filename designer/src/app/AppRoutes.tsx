import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth.js';
import { AppLayout } from './AppLayout.js';
import { mayOpen, pages } from './pages.js';
import { PageLoading } from './PageLoading.js';
import { PageErrorBoundary } from './PageErrorBoundary.js';
import { ForbiddenPage, NotFoundPage } from './StatusPages.js';
import LoginPage from '../pages/login/LoginPage.js';

export function AppRoutes() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    if (location.pathname === '/login') return <LoginPage />;
    // Come back to the page asked for after logging in.
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <AppLayout>
      <PageErrorBoundary key={location.pathname}>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/login" element={<Navigate to={new URLSearchParams(location.search).get('next') ?? '/'} replace />} />
            {pages.map((page) => {
              const Page = page.component;
              return <Route key={page.id} path={page.path} element={mayOpen(page, user.permissions) ? <Page /> : <ForbiddenPage />} />;
            })}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </AppLayout>
  );
}
