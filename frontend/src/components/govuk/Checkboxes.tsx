export { Checkboxes, type CheckboxesProps, type ChoiceItem, type ChoiceDivider } from './Choices';
