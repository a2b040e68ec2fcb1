import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AdminSubscriptionsPage } from './apps/AdminSubscriptionsPage.tsx';
import { AppPage } from './apps/AppPage.tsx';
import { AppsPage } from './apps/AppsPage.tsx';
import { ProductPage, ProductsCatalog } from './apps/ProductsPage.tsx';
import { TeamPage } from './apps/TeamPage.tsx';
import { TeamsPage } from './apps/TeamsPage.tsx';
import { SessionProvider } from './auth/session.tsx';
import { Layout } from './components/Layout.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Catalog } from './pages/Catalog.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Product } from './pages/Product.tsx';
import { UsagePlans } from './pages/UsagePlans.tsx';
import { ByModel } from './model/ByModel.tsx';
import { PortalModelProvider } from './model/portal-model.tsx';
import './styles.css';

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <ByModel usagePlans={<Catalog />} teamsAndApps={<ProductsCatalog />} /> },
      { path: 'products/:productId', element: <ByModel usagePlans={<Product />} teamsAndApps={<ProductPage />} /> },
      { path: 'usage-plans', element: <UsagePlans /> },
      { path: 'keys', element: <ApiKeys /> },
      // Teams-and-apps portals (the pages explain themselves on other portals).
      { path: 'teams', element: <TeamsPage /> },
      { path: 'teams/:teamId', element: <TeamPage /> },
      { path: 'apps', element: <AppsPage /> },
      { path: 'apps/:appId', element: <AppPage /> },
      { path: 'admin/subscriptions', element: <AdminSubscriptionsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <PortalModelProvider>
        <RouterProvider router={router} />
      </PortalModelProvider>
    </SessionProvider>
  </StrictMode>,
);
