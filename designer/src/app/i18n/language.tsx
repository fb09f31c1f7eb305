import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { configureApi } from '../api.js';
import { zh, type MessageKey } from './zh.js';
import { en } from './en.js';

export type Language = 'zh' | 'en';

/** Parameters put into a message: `{count}` in the text is replaced by params.count. */
export type MessageParams = Record<string, string | number>;

const STORAGE_KEY = 'gongzhi.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  // zh-CN by default, whatever the browser says: the users are Chinese offices.
  return stored === 'en' ? 'en' : 'zh';
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

function applyLanguage(language: Language): void {
  configureApi({ language });
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const chosen = initialLanguage();
    applyLanguage(chosen);
    return chosen;
  });
  useEffect(() => applyLanguage(language), [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    applyLanguage(next);
    setLanguageState(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage() needs a <LanguageProvider> above it');
  return state;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The app's messages in the current language. */
export function useT(): Translate {
  const { language } = useLanguage();
  return useCallback((key: MessageKey, params?: MessageParams) => interpolate(dictionaries[language][key] ?? key, params), [language]);
}

/** A page's own messages (pages keep them in their own i18n.ts): `{ zh: {...}, en: {...} }` with the same keys. */
export interface PageMessages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

export function usePageT<K extends string>(messages: PageMessages<K>): (key: K, params?: MessageParams) => string {
  const { language } = useLanguage();
  return useCallback((key: K, params?: MessageParams) => interpolate(messages[language][key] ?? key, params), [language, messages]);
}

/** For code outside React (the form validator's messages): the stored language's dictionary. */
export function messagesOf(language: Language): Record<MessageKey, string> {
  return dictionaries[language];
}
