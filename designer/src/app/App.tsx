import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from './auth.js';
import { LanguageProvider, useLanguage } from './i18n/language.js';
import { AppRoutes } from './AppRoutes.js';
import { theme } from './theme.js';

function Localized() {
  const { language } = useLanguage();
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <Localized />
    </LanguageProvider>
  );
}
