# SPDX-License-Identifier: MIT
"""Runs a command on a fresh pseudo-terminal (as its controlling terminal) and prints everything
the command wrote to that terminal. With --send TEXT --after MARKER, types TEXT once MARKER
has appeared (so the program is already in raw mode when the secret arrives).
Usage: pty-driver.py [--after MARKER --send TEXT] -- command args..."""
import os, pty, select, sys, time

args = sys.argv[1:]
after = send = None
while args and args[0] != '--':
    if args[0] == '--after': after = args[1]; args = args[2:]
    elif args[0] == '--send': send = args[1]; args = args[2:]
    else: sys.exit('bad argument ' + args[0])
cmd = args[1:]

pid, fd = pty.fork()  # the child gets a new session with the pty as controlling terminal
if pid == 0:
    os.execvp(cmd[0], cmd)

out = b''
deadline = time.time() + 30
while True:
    if time.time() > deadline:
        os.kill(pid, 9)
        break
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break  # EIO: every process holding the terminal has exited
        if not data:
            break
        out += data
    if send is not None and after is not None and after.encode() in out:
        os.write(fd, send.encode())
        send = None
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
