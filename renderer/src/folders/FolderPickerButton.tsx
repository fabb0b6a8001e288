import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { BenchtopBridge } from '../../../shared/api/bridge.ts';
import { FolderBrowserDialog } from './FolderBrowserDialog.tsx';
import { nativeFolderPicker } from './native-folder-picker.ts';

export interface FolderPickerButtonProps {
  /** The dialog's title, e.g. "Add a workspace folder". */
  title: string;
  onPick(path: string): void;
  /** The button's text; "Browse…" by default. */
  label?: string;
  start?: string;
  className?: string;
  disabled?: boolean;
}

/** "Browse…": the system's folder dialog inside Electron, the web host's folder browser in a browser. */
export function FolderPickerButton({ title, onPick, label = 'Browse…', start, className = 'button button-small', disabled }: FolderPickerButtonProps) {
  const [browsing, setBrowsing] = useState(false);
  const native = nativeFolderPicker(window as Window & { benchtop?: BenchtopBridge });
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled}
        onClick={() => {
          if (native) void native({ title, defaultPath: start }).then((path) => path && onPick(path));
          else setBrowsing(true);
        }}
      >
        {label}
      </button>
      {/* A portal: the button often sits in a form of its own, and the dialog's path field must submit the dialog, not that form. */}
      {browsing &&
        createPortal(
          <FolderBrowserDialog
            title={title}
            start={start}
            onClose={() => setBrowsing(false)}
            onPick={(path) => {
              setBrowsing(false);
              onPick(path);
            }}
          />,
          document.body,
        )}
    </>
  );
}
