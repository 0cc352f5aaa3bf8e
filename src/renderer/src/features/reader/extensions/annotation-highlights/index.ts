export { AnnotationHighlights, annotationHighlightsKey, type HighlightRange } from './annotation-highlights';
