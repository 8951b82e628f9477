// Exercise 2: sys_sync
//
// Write a program that traces the sync() system call and prints
// "sys_sync() called" every time it runs. Print
// "Tracing sys_sync()... Ctrl-C to end." when tracing starts, and exit
// cleanly (exit code 0) when Ctrl-C is pressed.
//
// Test it: run `sync` in another terminal. Check it: `bcc-tutor check 2`.
import { BPF, lessonVariant } from "bcc-tutor";

// lessonVariant() says whether this kernel has kprobes ("original") or
// not ("portable": use the syscalls:sys_enter_sync tracepoint instead).
const variant = lessonVariant();

// TODO: write the BPF C program. Lesson 1 (hello_world) shows the shape.
const text = ``;

// TODO: compile it with new BPF({ text }) and wait for b.ready.

// TODO: print the start banner.

// TODO: on SIGINT, close the BPF object and exit with code 0.

// TODO: print what the program writes to trace_pipe.
void variant;
void BPF;
