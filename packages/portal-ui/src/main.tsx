import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { SessionProvider } from './auth/session.tsx';
import { Layout } from './components/Layout.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Catalog } from './pages/Catalog.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Product } from './pages/Product.tsx';
import { UsagePlans } from './pages/UsagePlans.tsx';
import './styles.css';

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Catalog /> },
      { path: 'products/:productId', element: <Product /> },
      { path: 'usage-plans', element: <UsagePlans /> },
      { path: 'keys', element: <ApiKeys /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
