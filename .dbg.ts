import * as nn from './index.js';
import { decodeModule, encodeModule } from './lib/saveLoad.js';
import { moduleCases } from './test/gradcheck-cases.js';
const c = moduleCases.find((c) => c.name === 'CMul')!;
const m = c.build(); const x = c.input();
console.log(x instanceof nn.Tensor && x.dtype, m.parameters()[0].map((p) => p.dtype), (m as any).output.dtype);
const l = decodeModule(encodeModule(m)).module as nn.Module;
console.log(l.parameters()[0].map((p) => p.dtype), (l as any).output.dtype, Object.entries(l).filter(([k,v]) => v instanceof nn.Tensor).map(([k, v]) => k + ':' + (v as nn.Tensor).dtype));
console.log(Object.entries(m).filter(([k,v]) => v instanceof nn.Tensor).map(([k, v]) => k + ':' + (v as nn.Tensor).dtype));
try { console.log('orig', (m.forward(x) as nn.Tensor).dtype); } catch (e) { console.log('orig err', (e as Error).message); }
try { console.log('loaded', (l.forward(x) as nn.Tensor).dtype); } catch (e) { console.log('loaded err', (e as Error).message); }
