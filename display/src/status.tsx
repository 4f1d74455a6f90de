import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StatusApp } from './StatusApp';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('status.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <StatusApp />
  </StrictMode>,
);
