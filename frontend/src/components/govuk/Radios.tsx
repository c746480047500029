export { Radios, type RadiosProps, type ChoiceItem, type ChoiceDivider } from './Choices';
