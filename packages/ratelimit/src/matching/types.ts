export interface DescriptorEntry {
  key: string;
  value: string;
}
