import { mount } from 'svelte';
import './ui/styles/global.css';
import './ui/styles/prose.css';
import './ui/styles/panes.css';
import App from './ui/App.svelte';
import { offlineStatus } from './pwa/service-worker.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks the #app element');

offlineStatus.register();

export default mount(App, { target });
