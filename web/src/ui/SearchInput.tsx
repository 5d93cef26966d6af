// A search box that reports what was typed once the typing pauses.
import { CloseButton, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchInputProps {
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  label?: string;
  delay?: number;
}

export function SearchInput({ value, onSearch, placeholder, label, delay = 300 }: SearchInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const reported = useRef(value);

  // The value changed from outside (back button, a link): show it.
  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === reported.current) return undefined;
    const timer = window.setTimeout(() => {
      reported.current = wanted;
      onSearch(wanted);
    }, delay);
    return () => window.clearTimeout(timer);
  }, [text, delay, onSearch]);

  return (
    <TextInput
      label={label ?? t('ui.search')}
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      leftSection={<IconSearch size={16} />}
      rightSection={text ? <CloseButton size="sm" aria-label={t('ui.clear')} onClick={() => setText('')} /> : null}
      maxLength={200}
      w={{ base: '100%', sm: 320 }}
    />
  );
}
