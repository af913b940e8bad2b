export interface IdSource {
  newId(): string;
}
