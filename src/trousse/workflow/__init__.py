"""The daily workflow: new records from the kit's forms, the calendar of what is due, the review
inputs of the management review. Core code: it never prints and never exits."""
