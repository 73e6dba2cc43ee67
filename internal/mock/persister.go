package mock

import (
	"fmt"
	"io"
	"sync"
)

// persister writes the state file. Every change kicks it; a single goroutine writes the
// latest snapshot, so a burst of changes costs one or two writes instead of one each.
//
// Durability: a change is in the file shortly after it was answered (one write of the
// whole state later); Close (graceful shutdown) writes the last changes. A hard kill can
// lose the changes answered since the last completed write, but the file is always one
// complete snapshot (writeAtomic).
type persister struct {
	path  string
	store *store
	log   io.Writer

	saveMu  sync.Mutex // one write at a time; protects saved and lastErr
	saved   uint64     // the store version the file holds
	lastErr error

	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

func startPersister(path string, st *store, log io.Writer) *persister {
	p := &persister{
		path:  path,
		store: st,
		log:   log,
		wake:  make(chan struct{}, 1),
		stop:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go p.run()
	p.kick() // a seeded store is ahead of the (missing) file
	return p
}

func (p *persister) kick() {
	select {
	case p.wake <- struct{}{}:
	default: // a write is already pending; it will take the newest snapshot
	}
}

func (p *persister) run() {
	defer close(p.done)
	for {
		select {
		case <-p.wake:
			_ = p.save()
		case <-p.stop:
			return
		}
	}
}

// save writes the current snapshot if the file is behind.
func (p *persister) save() error {
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	snap := p.store.snapshot()
	if snap.version == p.saved {
		return nil
	}
	if err := writeAtomic(p.path, snap.encode); err != nil {
		p.lastErr = fmt.Errorf("saving state: %w", err)
		_, _ = fmt.Fprintf(p.log, "ecmock: %v\n", p.lastErr)
		return p.lastErr
	}
	p.saved = snap.version
	p.lastErr = nil
	return nil
}

// close stops the writer and writes what is still unwritten.
func (p *persister) close() error {
	p.once.Do(func() { close(p.stop) })
	<-p.done
	return p.save()
}
