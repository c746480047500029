// Typed wrappers of GOV.UK Frontend's components. Props mirror each
// macro's documented parameters in camelCase, with two React changes:
// `html` takes React nodes (nothing here sets innerHTML), and form fields
// take `onChange` and a ref alongside `value`.
export { BackLink, type BackLinkProps } from './BackLink';
export { Button, type ButtonProps } from './Button';
export { CharacterCount, type CharacterCountProps } from './CharacterCount';
export { Checkboxes, type CheckboxesProps } from './Checkboxes';
export type { ChoiceDivider, ChoiceItem } from './Choices';
export { DateInput, type DateInputProps } from './DateInput';
export { ErrorMessage, type ErrorMessageProps } from './ErrorMessage';
export { ErrorSummary, type ErrorSummaryItem, type ErrorSummaryProps } from './ErrorSummary';
export { Fieldset, type FieldsetProps } from './Fieldset';
export { FileUpload, type FileUploadProps } from './FileUpload';
export { Footer, type FooterProps } from './Footer';
export type { FieldError, FormGroupOptions } from './FormGroup';
export { Header, type HeaderProps } from './Header';
export { Hint, type HintProps } from './Hint';
export { Label, type LabelProps } from './Label';
export { Link, LinkProvider, type LinkProps } from './link';
export { NotificationBanner, type NotificationBannerProps } from './NotificationBanner';
export { Pagination, type PaginationProps } from './Pagination';
export { Panel, type PanelProps } from './Panel';
export { PasswordInput, type PasswordInputProps } from './PasswordInput';
export { PhaseBanner, type PhaseBannerProps } from './PhaseBanner';
export { Radios, type RadiosProps } from './Radios';
export { Select, type SelectProps } from './Select';
export { ServiceNavigation, type ServiceNavigationProps } from './ServiceNavigation';
export { SkipLink, type SkipLinkProps } from './SkipLink';
export { SummaryList, type SummaryListProps } from './SummaryList';
export { Table, type TableProps } from './Table';
export { Tabs, type TabsProps } from './Tabs';
export { Tag, type TagProps } from './Tag';
export { TaskList, type TaskListProps } from './TaskList';
export { TextInput, type TextInputProps } from './TextInput';
export { Textarea, type TextareaProps } from './Textarea';
