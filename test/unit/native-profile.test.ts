/**
 * The native profile's reading of `perf report` and its parts (bench/lib/native-profile.ts): a symbol
 * in the wrong part would explain the app's CPU with the wrong cause.
 */
import { describe, expect, it } from 'vitest';
import { nativePart, parseReportLine, summariseNative } from '../../bench/lib/native-profile.ts';

describe('perf report lines', () => {
  it('reads samples, object and symbol, user and kernel alike', () => {
    expect(parseReportLine('          1420  [kernel.kallsyms]  [k] pvm_irq_enable')).toEqual({ samples: 1420, dso: '[kernel.kallsyms]', symbol: 'pvm_irq_enable' });
    expect(parseReportLine('   255  workerd            [.] sqlite3VdbeExec')).toEqual({ samples: 255, dso: 'workerd', symbol: 'sqlite3VdbeExec' });
    expect(parseReportLine('     3  [JIT] tid 31255    [.] LazyCompile:~fetch index.js:1')).toEqual({ samples: 3, dso: '[JIT] tid 31255', symbol: 'LazyCompile:~fetch index.js:1' });
    expect(parseReportLine('# Samples: 16K of event cpu-clock')).toBeNull();
    expect(parseReportLine('')).toBeNull();
  });
});

describe('parts of the runtime', () => {
  it.each([
    ['workerd', 'sqlite3RunParser', 'SQLite: compile a statement'],
    ['workerd', 'whereLoopAddBtree', 'SQLite: compile a statement'],
    ['workerd', 'yy_reduce', 'SQLite: compile a statement'],
    ['workerd', 'sqlite3VdbeExec', 'SQLite: run a statement'],
    ['workerd', 'pcache1Fetch', 'SQLite: run a statement'],
    ['workerd', 'walChecksumBytes', 'SQLite: run a statement'],
    ['workerd', 'Builtins_ResumeGeneratorTrampoline', 'V8: JavaScript (builtins, JIT)'],
    ['[JIT] tid 7', 'LazyCompile:*dispatch', 'V8: JavaScript (builtins, JIT)'],
    ['workerd', 'v8::internal::Factory::AllocateRaw', 'V8: runtime and GC'],
    ['workerd', 'cppgc::internal::MarkerBase::VisitRoots', 'V8: runtime and GC'],
    ['workerd', 'workerd::api::Headers::set', 'workerd: APIs and bindings'],
    ['workerd', 'workerd::jsg::Lock::pumpMsgLoop', 'workerd: APIs and bindings'],
    ['workerd', 'kj::_::HeapDisposer<workerd::api::Headers::Header>::disposeImpl', 'workerd: APIs and bindings'],
    ['workerd', 'kj::HttpHeaderTable::stringToId', 'workerd: event loop, HTTP, RPC'],
    ['workerd', 'httparse::parse_headers_iter_uninit', 'workerd: event loop, HTTP, RPC'],
    ['workerd', 'tcmalloc::tcmalloc_internal::FreeSmallSlow', 'memory allocator'],
    ['workerd', 'TCMallocInternalNewArray', 'memory allocator'],
    ['libc.so.6', 'fsync', 'libc'],
    ['[kernel.kallsyms]', 'iowrite16', 'kernel'],
    ['workerd', 'simdutf::icelake::implementation::utf8_length_from_latin1', 'other'],
  ])('%s %s → %s', (dso, symbol, part) => {
    expect(nativePart(dso, symbol)).toBe(part);
  });
});

describe('µs per request', () => {
  it('spreads the measured CPU over the samples, so the parts add up to it', () => {
    const s = summariseNative(
      [
        { dso: 'workerd', symbol: 'sqlite3RunParser', samples: 30 },
        { dso: 'workerd', symbol: 'sqlite3VdbeExec', samples: 10 },
        { dso: '[kernel.kallsyms]', symbol: 'iowrite16', samples: 60 },
      ],
      2000,
    );
    expect(s.samples).toBe(100);
    expect(s.parts.get('SQLite: compile a statement')).toBeCloseTo(600);
    expect(s.parts.get('SQLite: run a statement')).toBeCloseTo(200);
    expect(s.parts.get('kernel')).toBeCloseTo(1200);
    expect([...s.parts.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(2000);
    expect(s.symbols.get('workerd sqlite3RunParser')).toEqual({ part: 'SQLite: compile a statement', us: 600 });
  });
});
