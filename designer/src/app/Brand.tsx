import { Link } from 'react-router-dom';
import { useT } from './i18n/language.js';

/** The 共治 mark and name; a link home. */
export function Brand({ dark, compact }: { dark?: boolean; compact?: boolean }) {
  const t = useT();
  return (
    <Link to="/" className={dark ? 'gz-brand gz-brand-dark' : 'gz-brand'}>
      <span className="gz-brand-mark" aria-hidden>
        治
      </span>
      {!compact && <span className="gz-brand-name">{t('app.name')}</span>}
    </Link>
  );
}
