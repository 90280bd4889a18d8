"""Orders after they are placed: the state machine, every step through its services, what an
order says to its shopper, who may see it, its e-mails, and the staff dashboard and search."""
