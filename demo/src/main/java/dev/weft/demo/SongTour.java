package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.JoinHandle;

/** The seeds' learn_song, sing_song and dance: dancing goes on while the song is learned. */
final class SongTour {
    private final Clock clock;

    SongTour(Clock clock) {
        this.clock = clock;
    }

    void run() {
        System.out.println("3. learn_and_sing while dancing");
        clock.restart();
        try (Executor executor = Executor.singleThreaded()) {
            executor.blockOn(party());
        }
    }

    private Future<Void> party() {
        JoinHandle<Void> singing = Async.spawn(learnAndSing());
        JoinHandle<Void> dancing = Async.spawn(dance());
        await(singing);
        await(dancing);
        clock.say("party over");
        return ready(null);
    }

    private Future<Void> learnAndSing() {
        String song = await(learnSong());
        await(singSong(song));
        return ready(null);
    }

    private Future<String> learnSong() {
        clock.say("learning the song...");
        await(clock.sleep(1));
        clock.say("learned it");
        return ready("Daisy Bell");
    }

    private Future<Void> singSong(String song) {
        clock.say("singing " + song);
        await(clock.sleep(0.5));
        clock.say("sang " + song);
        return ready(null);
    }

    private Future<Void> dance() {
        for (int step = 1; step <= 3; step++) {
            clock.say("dance step " + step);
            await(clock.sleep(0.4));
        }
        return ready(null);
    }
}
