import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeTextField } from '@vscode/webview-ui-toolkit';

/**
 * The VS Code panel's controls, and the only module that knows which component library draws them:
 * @vscode/webview-ui-toolkit today. That toolkit is deprecated upstream; moving to @vscode-elements/elements
 * (vscode-button, vscode-checkbox, vscode-textfield) is a change of this file alone. The controls take their
 * colours from VS Code's theme variables, so they follow light, dark and high-contrast themes.
 */

let registered = false;

/** Defines the custom elements; the controls made before upgrade in place. */
export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeTextField());
}

/** A button with a short text label; `title` is its tooltip and accessible name. */
export function button(text: string, title: string, onClick: () => void): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('appearance', 'secondary');
  b.setAttribute('title', title);
  b.setAttribute('aria-label', title);
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export interface Toggle {
  element: HTMLElement;
  set(checked: boolean): void;
  enable(enabled: boolean): void;
}

export function checkbox(label: string, title: string, checked: boolean, onChange: (checked: boolean) => void): Toggle {
  const c = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; disabled: boolean };
  c.textContent = label;
  c.setAttribute('title', title);
  c.checked = checked;
  c.addEventListener('change', () => onChange(c.checked));
  return {
    element: c,
    set: (v) => (c.checked = v),
    enable: (v) => (c.disabled = !v),
  };
}

/** A one-line text input that reports every change. */
export function textField(placeholder: string, label: string, value: string, onInput: (value: string) => void): HTMLElement {
  const t = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  t.setAttribute('placeholder', placeholder);
  t.setAttribute('aria-label', label);
  t.setAttribute('title', label);
  t.value = value;
  t.addEventListener('input', () => onInput(t.value));
  return t;
}
