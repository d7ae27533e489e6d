"""MSSanté reception: received messages stored durably first, then integrated, matched or listed as KO."""
