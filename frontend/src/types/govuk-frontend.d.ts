// govuk-frontend ships no TypeScript declarations. These cover only the
// documented exports sendqa uses; each component class takes its root
// element and an optional config object.
declare module 'govuk-frontend' {
  interface GovukComponent {
    new ($root: Element, config?: object): unknown;
    moduleName: string;
  }

  export const Button: GovukComponent;
  export const CharacterCount: GovukComponent;
  export const Checkboxes: GovukComponent;
  export const FileUpload: GovukComponent;
  export const PasswordInput: GovukComponent;
  export const Radios: GovukComponent;
  export const ServiceNavigation: GovukComponent;
  export const Tabs: GovukComponent;

  export function isSupported($scope?: HTMLElement | null): boolean;
}
