// The language switcher of the storefront's and the back office's headers: a small native select, usable by keyboard.
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languageNames, languages, switchLanguage } from '../i18n/i18n.ts';
import type { Language } from '../i18n/i18n.ts';

export function LanguageSwitcher({ onSwitch }: { onSwitch?: (language: Language) => void }) {
  const { t, i18n } = useTranslation('common');
  const current = languages.find((l) => l === i18n.resolvedLanguage) ?? 'en';
  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      w={92}
      value={current}
      data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (!isLanguage(language)) return;
        void switchLanguage(language).then(() => onSwitch?.(language));
      }}
    />
  );
}
