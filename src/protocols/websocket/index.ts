// Public surface of the WebSocket engine.
export { websocketEngine, createWebSocketEngine } from './engine.ts';
export { WS_METRICS, type WsErrorCause } from './metrics.ts';
export type { WebSocketWorkload, WsExchange, WsMessageContext, WsCorrelationCodec } from '../../contracts/websocket-workload.ts';
