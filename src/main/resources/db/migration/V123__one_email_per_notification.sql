-- One e-mail per notification, to all its addresses, instead of one per address (issue 4 §5). A message to an agency
-- went to each of its users and to its security focal point and 24/7 contact as separate e-mails: four or so SMTP
-- transactions, and as many delivery rows written at fan-out and updated twice when sent. An incident notice reaches
-- three agencies or more, so its e-mail rows were two thirds of the fan-out's rows (measured on the benchmark
-- database: notification_delivery was a third of every notice's WAL records). Now the EMAIL delivery of a
-- notification lists every address it goes to; MailDispatcher sends one message addressed to all of them (they are
-- all the same agency's people), and an address the server refuses is dropped from the retry, not the whole message.
ALTER TABLE notification_delivery ADD COLUMN addresses TEXT[];
UPDATE notification_delivery SET addresses = ARRAY[email] WHERE channel = 'EMAIL';
ALTER TABLE notification_delivery
    DROP CONSTRAINT notification_delivery_target,
    DROP COLUMN email,
    ADD CONSTRAINT notification_delivery_target CHECK (
        (channel = 'IN_APP' AND user_id IS NOT NULL AND addresses IS NULL)
        OR (channel = 'EMAIL' AND user_id IS NULL AND cardinality(addresses) > 0));
