import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './ui/App';
import { startServiceWorker } from './ui/serviceWorker';
import { installContentSecurityPolicy } from './privacy/installPolicy';
import { applyPacsUrlParameter } from './store/pacsStore';
import { followOpenStudies } from './app/studyReports';
import { followMeasurements } from './app/measurements';

applyPacsUrlParameter();
installContentSecurityPolicy();
startServiceWorker();
followOpenStudies();
followMeasurements();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
