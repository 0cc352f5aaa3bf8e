// Lays the graph out off the UI thread: at 500 entities and thousands of links the force layout takes about
// a second, during which the page must stay usable.
import type { Graph } from '../../../../shared/api';
import { layoutGraph } from './layout';

export interface LayoutRequest {
  graph: Graph;
  focusId: string | null;
}

self.onmessage = ({ data }: MessageEvent<LayoutRequest>) => {
  self.postMessage(layoutGraph(data.graph, data.focusId));
};
