// Files dropped anywhere on the window are imported; nothing else dropped does anything.
import { useEffect, useState } from 'react';
import { useImport } from './use-import';

export function DropZone() {
  const { importFiles } = useImport();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      // Always prevent the default, so that a drop never navigates the window to the dropped thing.
      e.preventDefault();
      setOver(hasFiles(e));
    };
    const onLeave = (e: DragEvent) => {
      if (!e.relatedTarget) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) void importFiles(files);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles]);
  return over ? <div className="drop-overlay">Drop article files to import them</div> : null;
}
