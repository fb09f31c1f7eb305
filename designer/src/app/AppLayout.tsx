import { useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth.js';
import { useLanguage, useT } from './i18n/language.js';
import { mayOpen, pages } from './pages.js';
import { Brand } from './Brand.js';

const { Header, Sider, Content } = Layout;

/** The navigation entry whose page the current path belongs to (longest matching prefix). */
function selectedKey(pathname: string, keys: string[]): string[] {
  const match = keys.filter((to) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)));
  return match.sort((a, b) => b.length - a.length).slice(0, 1);
}

export function LanguageSwitch({ block }: { block?: boolean }) {
  const { language, setLanguage } = useLanguage();
  const t = useT();
  return (
    <Button
      icon={<GlobalOutlined />}
      type="text"
      block={block}
      data-testid="language-switch"
      aria-label={t('lang.label')}
      onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.switch')}
    </Button>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const t = useT();
  const screens = Grid.useBreakpoint();
  // Until the first measurement, assume a phone: most staff use one.
  const mobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return null;

  const entries = pages.filter((p) => p.nav && mayOpen(p, user.permissions));
  const items = entries.map((p) => {
    const Icon = p.nav!.icon;
    return { key: p.nav!.to, icon: <Icon />, label: <Link to={p.nav!.to} data-testid={`nav-${p.id}`}>{t(p.nav!.labelKey)}</Link> };
  });
  const selected = selectedKey(location.pathname, entries.map((p) => p.nav!.to));
  const roles = user.roles.map((r) => t(`role.${r}`)).join('、');

  const userMenu = (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <span>{roles}</span>, disabled: true },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span>, onClick: () => { logout(); navigate('/login'); } },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" className="gz-user-button">
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!mobile && <span>{user.username}</span>}
        </Space>
      </Button>
    </Dropdown>
  );

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected}
      items={items}
      data-testid="main-nav"
      onClick={() => setDrawerOpen(false)}
    />
  );

  return (
    <Layout className="gz-shell">
      {!mobile && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg">
          <Brand dark compact={collapsed} />
          {menu}
        </Sider>
      )}
      <Layout>
        <Header className="gz-header">
          {mobile && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="nav-toggle" onClick={() => setDrawerOpen(true)} />
          )}
          {mobile ? <Brand compact={false} /> : <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>}
          <div className="gz-header-actions">
            <LanguageSwitch />
            {userMenu}
          </div>
        </Header>
        <Content className={mobile ? 'gz-content gz-content-mobile' : 'gz-content'}>{children}</Content>
      </Layout>
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={260}
          styles={{ body: { padding: 0, background: '#0f1f3d' }, header: { display: 'none' } }}
        >
          <Brand dark compact={false} />
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
