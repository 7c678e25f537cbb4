package org.ikescope.dissector.model;

/**
 * Things in order of their last activity, least recent first: an intrusive doubly linked list
 * (the links live in the elements, so moving an element to the end costs no allocation and no
 * lookup). What per-SA state uses to find the state idle the longest, or the one to evict at a cap.
 * Not thread-safe.
 *
 * @param <T> the element type, which extends {@link Node}
 */
public final class ActivityList<T extends ActivityList.Node<T>> {
    /** The links an element carries; an element is in at most one list. */
    public abstract static class Node<T> {
        T prev;
        T next;
        boolean linked;

        /** The next more recently active element, or null. */
        public final T nextMoreRecent() {
            return next;
        }
    }

    private T head;
    private T tail;

    /** The least recently active element, or null when the list is empty. */
    public T leastRecent() {
        return head;
    }

    /** Moves {@code t} to the end (the most recently active), adding it when it is not in the list. */
    public void touch(T t) {
        if (t.linked) {
            if (tail == t) {
                return;
            }
            remove(t);
        }
        t.prev = tail;
        t.next = null;
        if (tail != null) {
            tail.next = t;
        } else {
            head = t;
        }
        tail = t;
        t.linked = true;
    }

    /** Takes {@code t} out of the list (nothing when it is not in it). */
    public void remove(T t) {
        if (!t.linked) {
            return;
        }
        if (t.prev != null) {
            t.prev.next = t.next;
        } else {
            head = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        } else {
            tail = t.prev;
        }
        t.prev = null;
        t.next = null;
        t.linked = false;
    }
}
