import type { ThemeConfig } from 'antd';

/**
 * A calm blue for actions, so that red keeps meaning "overdue / incident". Fonts are the system's (PingFang,
 * Microsoft YaHei, Noto Sans CJK): nothing is fetched from elsewhere.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f1f3d', headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b172e' },
  },
};
